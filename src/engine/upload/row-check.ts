// Checks one row of a token file on its own, without the database: each field against the rules
// of issue 2 section 6. A failure names the value (never a secret) and says what to do.
import {
  base32LengthProblem,
  decodeBase32Lenient,
  looksLikeHex,
  normalizeBase32,
} from '../otp/base32.js';
import { printable } from '../printable.js';
import type { HashAlgorithm } from '../types.js';
import type { TokenColumns } from './token-columns.js';

export interface RowFailure {
  code: string;
  reason: string;
  hint: string;
}

export interface CheckedRow {
  /** Trimmed; empty for a token put into inventory. */
  upn: string;
  serial: string;
  /** Normalised Base32 (upper case, no spaces or padding). */
  secret: string;
  key: Buffer;
  interval: 30 | 60;
  manufacturer: string;
  model: string;
  algorithm: HashAlgorithm;
  digits: 6 | 8;
  /** A remark that does not stop the row, e.g. a secret that may be unconverted hex. */
  warning: string | null;
}

/** Shortest key accepted: 16 Base32 characters, 80 bits (the c12 short-key case). */
const MIN_KEY_BYTES = 10;
const MAX_TEXT = 128;
const EXPONENT_FORM = /^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$/;
const UPN_FORM = /^[^@\s\\]+@[^@\s\\]+\.[^@\s\\]+$/;

export function fail(code: string, reason: string, hint = ''): RowFailure {
  return { code, reason, hint };
}

export function cell(fields: string[], index: number): string {
  return index < 0 ? '' : (fields[index] ?? '').trim();
}

export function checkSerial(serial: string): RowFailure | null {
  if (serial === '') return fail('SERIAL_MISSING', 'serial number is empty');
  if (EXPONENT_FORM.test(serial)) {
    return fail(
      'SERIAL_EXPONENT',
      `serial number '${serial}' is in exponent form: a spreadsheet turned it into a number` +
        ' and lost its digits',
      'format the column as Text and copy the serials from the vendor file again',
    );
  }
  // The serial is escaped for the reason only here: escaping every row's cost 1.8 s a million.
  if (serial.length > MAX_TEXT) {
    const shown = printable(serial.slice(0, 40));
    return fail(
      'SERIAL_INVALID',
      `serial number '${shown}...' is ${serial.length} characters long; at most ${MAX_TEXT}` +
        ' are allowed',
    );
  }
  const control = firstControlChar(serial);
  if (control !== null) {
    const shown = printable(serial.slice(0, 40));
    return fail(
      'SERIAL_INVALID',
      `serial number '${shown}' contains ${nameControlChar(control)}, which a serial may not`,
      'a serial is one line of text: remove the character from the cell',
    );
  }
  return null;
}

function firstControlChar(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return code;
  }
  return null;
}

function nameControlChar(code: number): string {
  if (code === 0x0a || code === 0x0d) return 'a line break';
  if (code === 0x09) return 'a tab';
  return `control character ${hex(code)}`;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function checkUpn(upn: string): RowFailure | null {
  if (upn === '') return null;
  if (upn.includes('\\')) {
    return fail(
      'UPN_DOMAIN_FORM',
      `'${upn}' is a DOMAIN\\name logon, not a UPN`,
      'write the user principal name, e.g. name@contoso.com',
    );
  }
  // RADIUS refuses a User-Name with a control character, so such a user could never sign in.
  const control = firstControlChar(upn);
  if (control !== null) {
    return fail(
      'UPN_INVALID',
      `'${printable(upn)}' contains ${nameControlChar(control)}, which a UPN may not`,
      'a UPN is one line of plain text: remove the character from the cell',
    );
  }
  if (!UPN_FORM.test(upn)) {
    return fail(
      'UPN_INVALID',
      `'${upn}' is not a UPN (name@domain)`,
      'leave it empty for inventory',
    );
  }
  return null;
}

export function checkSecret(raw: string): RowFailure | { secret: string; key: Buffer } {
  const normalized = normalizeBase32(raw);
  if (!normalized.ok) {
    const code = normalized.code === 'SECRET_EMPTY' ? 'SECRET_MISSING' : normalized.code;
    return fail(code, normalized.reason, normalized.hint ?? swappedHint(raw.trim()));
  }

  const key = decodeBase32Lenient(normalized.value);
  if (key.length < MIN_KEY_BYTES) {
    return fail(
      'SECRET_TOO_SHORT',
      `secret key has ${normalized.value.length} characters (${key.length} bytes); at least` +
        ` 16 characters (${MIN_KEY_BYTES} bytes) are needed`,
      'check that the whole seed was copied',
    );
  }

  const lengthProblem = base32LengthProblem(normalized.value);
  if (lengthProblem !== null) {
    key.fill(0);
    return fail(
      'SECRET_BAD_LENGTH',
      lengthProblem,
      'a character is missing or one too many: copy the whole seed again',
    );
  }
  return { secret: normalized.value, key };
}

/** A secret cell holding `30` or `60` most likely changed places with the time interval. */
function swappedHint(secret: string): string {
  if (secret !== '30' && secret !== '60') return '';
  return `'${secret}' is a time interval: the secret key and time interval columns may be swapped`;
}

export function checkInterval(raw: string): RowFailure | 30 | 60 {
  if (raw === '30' || raw === '60') return Number(raw) as 30 | 60;
  if (raw === '') {
    return fail(
      'INTERVAL_INVALID',
      'time interval is empty; it must be 30 or 60',
      'no default is assumed',
    );
  }

  let hint = "the token's datasheet gives its time step: 30 or 60 seconds";
  if (/^\d+\s*s(ec(onds?)?)?$/i.test(raw))
    hint = 'write the number of seconds only, without a unit';
  if (/^(30|60)[.,]0*$/.test(raw)) hint = 'write a whole number without decimals';
  return fail('INTERVAL_INVALID', `time interval '${raw}' is not 30 or 60`, hint);
}

export function checkHash(raw: string): RowFailure | HashAlgorithm {
  const key = raw
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
    .replace(/^hmac/, '');
  if (key === '' || key === 'sha1') return 'SHA1';
  if (key === 'sha256') return 'SHA256';
  if (key === 'sha512') return 'SHA512';
  return fail(
    'HASH_UNSUPPORTED',
    `hash function '${raw}' is not supported`,
    'use sha1, sha256 or sha512, or leave it empty for sha1',
  );
}

export function checkDigits(raw: string): RowFailure | 6 | 8 {
  if (raw === '' || raw === '6') return 6;
  if (raw === '8') return 8;
  return fail('DIGITS_INVALID', `digits '${raw}' is not 6 or 8`, 'leave it empty for 6');
}

export function isFailure(value: unknown): value is RowFailure {
  return typeof value === 'object' && value !== null && 'code' in value;
}

/** Checks every field of a row in column order; the first problem is the row's failure. */
export function checkRow(fields: string[], columns: TokenColumns): RowFailure | CheckedRow {
  const { index } = columns;
  if (fields.length !== columns.fieldCount) {
    return fail(
      'ROW_FIELD_COUNT',
      `the row has ${fields.length} field(s) but the header has ${columns.fieldCount}`,
      'a quote may be missing around a value that contains the delimiter',
    );
  }

  const serial = cell(fields, index.serial);
  const upn = cell(fields, index.upn);
  const serialFailure = checkSerial(serial) ?? checkUpn(upn);
  if (serialFailure) return serialFailure;

  const secret = checkSecret(fields[index.secret] ?? '');
  if (isFailure(secret)) return secret;
  const interval = checkInterval(cell(fields, index.interval));
  if (isFailure(interval)) return interval;

  const manufacturer = cell(fields, index.manufacturer);
  const model = cell(fields, index.model);
  const missing = [manufacturer === '' && 'manufacturer', model === '' && 'model'].filter(Boolean);
  if (missing.length > 0) {
    return fail(
      'VENDOR_MISSING',
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty`,
    );
  }
  if (manufacturer.length > MAX_TEXT || model.length > MAX_TEXT) {
    return fail('VENDOR_TOO_LONG', `manufacturer or model is longer than ${MAX_TEXT} characters`);
  }

  const algorithm = checkHash(cell(fields, index.hash));
  if (isFailure(algorithm)) return algorithm;
  const digits = checkDigits(cell(fields, index.digits));
  if (isFailure(digits)) return digits;

  const warning =
    looksLikeHex(secret.secret) && secret.secret.length >= 32
      ? `secret key of serial '${serial}' uses only hex digits; if the vendor gave it as hex,` +
        ' convert it to Base32 and upload again'
      : null;

  return { upn, serial, ...secret, interval, manufacturer, model, algorithm, digits, warning };
}
