// The columns a code check needs, and the OTP parameters built from them.
import type { OtpParams } from '../otp/match.js';
import type { HashAlgorithm } from '../types.js';
import type { KeyCache } from './key-cache.js';

export const SECRET_COLUMNS =
  'id, serial, secret, algorithm, digits, interval_seconds, offset_steps, last_step';

export interface SecretRow {
  id: number;
  serial: string;
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  interval_seconds: number;
  offset_steps: number;
  last_step: number | null;
}

export function otpParams(row: SecretRow, keys: KeyCache): OtpParams {
  if (row.algorithm === 'SHA1') {
    const { key, pads } = keys.openWithPads(row.id, row.secret);
    return {
      key,
      pads,
      algorithm: row.algorithm,
      digits: row.digits === 8 ? 8 : 6,
      intervalSeconds: row.interval_seconds === 60 ? 60 : 30,
    };
  }
  return {
    key: keys.open(row.id, row.secret),
    algorithm: row.algorithm,
    digits: row.digits === 8 ? 8 : 6,
    intervalSeconds: row.interval_seconds === 60 ? 60 : 30,
  };
}
