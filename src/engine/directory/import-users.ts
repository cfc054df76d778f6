// `oathdesk users import FILE.csv`: header `upn,display name,user type` and an optional `enabled`
// column, read with the same header, delimiter and BOM handling as token uploads. Idempotent: a
// known UPN (matched case-insensitively) is updated when something changed, else unchanged.
import type { UserImportResult } from '../admin-api.js';
import type { EngineContext } from '../context.js';
import { readCsvRecords, type CsvRecord } from '../upload/csv-records.js';
import { columnKey, sniffCsv } from '../upload/csv-sniff.js';
import { FileProblem } from '../upload/file-problem.js';
import { cell, checkUpn, fail, type RowFailure } from '../upload/row-check.js';
import type { Tx } from '../store/store.js';
import { upnKey } from './directory.js';

type UserField = 'upn' | 'displayName' | 'userType' | 'enabled';

const NAMES: Record<string, UserField> = {
  upn: 'upn',
  displayname: 'displayName',
  usertype: 'userType',
  enabled: 'enabled',
  accountenabled: 'enabled',
};
const EXAMPLE = 'upn,display name,user type,enabled';
const BATCH_ROWS = 2000;
const TRUE_WORDS = new Set(['', 'true', 'yes', 'y', '1', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'disabled']);

interface Columns {
  index: Record<UserField, number>;
  fieldCount: number;
}

interface ExistingUser {
  id: number;
  upn: string;
  display_name: string;
  user_type: string;
  enabled: number;
}

export async function importUsers(
  ctx: EngineContext,
  file: string,
  actor: string,
): Promise<UserImportResult> {
  const shape = await sniffCsv(file, (keys) => keys.filter((key) => key in NAMES).length, EXAMPLE);
  const columns = mapColumns(shape.names, shape.headerLine);
  const result: UserImportResult = { added: 0, updated: 0, unchanged: 0, failures: [] };
  const firstLine = new Map<string, number>();

  let batch: CsvRecord[] = [];
  const commit = async (): Promise<void> => {
    const records = batch;
    batch = [];
    await ctx.store.write((tx) => {
      for (const record of records) {
        const failure = importRow(ctx, tx, record, columns, firstLine, result);
        if (failure) result.failures.push({ line: record.line, ...failure });
      }
    });
  };

  for await (const record of readCsvRecords(file, shape)) {
    batch.push(record);
    if (batch.length >= BATCH_ROWS) await commit();
  }
  await commit();

  await ctx.store.write((tx) =>
    ctx.audit.record(tx, {
      actor,
      action: 'users.import',
      upn: null,
      serial: null,
      outcome: 'ok',
      reason:
        `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ` +
        `${result.failures.length} failed`,
    }),
  );
  return result;
}

function mapColumns(names: string[], headerLine: number): Columns {
  const index: Partial<Record<UserField, number>> = {};
  names.forEach((name, position) => {
    const field = NAMES[columnKey(name)];
    if (field !== undefined && index[field] === undefined) index[field] = position;
  });

  const missing = (['upn', 'displayName', 'userType'] as const)
    .filter((field) => index[field] === undefined)
    .map((field) => ({ upn: 'upn', displayName: 'display name', userType: 'user type' })[field]);
  if (missing.length > 0) {
    throw new FileProblem(
      'FILE_MISSING_COLUMN',
      `the header has no ${missing.map((n) => `'${n}'`).join(', ')} column`,
      headerLine,
      `the header must name these columns: ${EXAMPLE} (enabled is optional)`,
    );
  }
  return {
    index: { enabled: -1, ...index } as Record<UserField, number>,
    fieldCount: names.length,
  };
}

/** Imports one row; returns why it fails, with a stable code as a token row's failure has. */
function importRow(
  ctx: EngineContext,
  tx: Tx,
  record: CsvRecord,
  columns: Columns,
  firstLine: Map<string, number>,
  result: UserImportResult,
): RowFailure | null {
  const { fields, line } = record;
  const { index } = columns;
  if (fields.length !== columns.fieldCount) {
    return fail(
      'ROW_FIELD_COUNT',
      `the row has ${fields.length} field(s) but the header has ${columns.fieldCount}`,
      'a quote may be missing around a value that contains the delimiter',
    );
  }

  const upn = cell(fields, index.upn);
  if (upn === '') return fail('UPN_MISSING', 'upn is empty', 'every user needs a UPN');
  const bad = checkUpn(upn);
  // The token upload's hint for UPN_INVALID (leave it empty for inventory) is wrong here.
  if (bad) return fail(bad.code, bad.reason, 'write the user principal name: name@domain');

  const key = upnKey(upn);
  const earlier = firstLine.get(key);
  if (earlier !== undefined) {
    return fail(
      'USER_DUPLICATE_IN_FILE',
      `user '${upn}' is already on line ${earlier} of this file`,
      'keep one line per user',
    );
  }
  firstLine.set(key, line);

  const displayName = cell(fields, index.displayName);
  if (displayName === '') {
    return fail('DISPLAY_NAME_MISSING', `display name of '${upn}' is empty`, 'fill it in');
  }

  const typeText = cell(fields, index.userType).toLowerCase();
  if (typeText !== 'member' && typeText !== 'guest') {
    return fail(
      'USER_TYPE_INVALID',
      `user type '${cell(fields, index.userType)}' is not member or guest`,
      'write member or guest',
    );
  }

  const enabledText = cell(fields, index.enabled).toLowerCase();
  if (!TRUE_WORDS.has(enabledText) && !FALSE_WORDS.has(enabledText)) {
    return fail(
      'ENABLED_INVALID',
      `enabled '${cell(fields, index.enabled)}' is not true or false`,
      'write true or false (yes, no, 1 and 0 are read too); empty keeps a known user as is',
    );
  }
  const existing = tx.get<ExistingUser>(
    'SELECT id, upn, display_name, user_type, enabled FROM users WHERE upn_key = ?',
    [key],
  );
  // A file without the column, or a blank cell, says nothing: a known user keeps their state
  // (an export with blank cells must not re-enable disabled accounts); a new user is enabled.
  const isGiven = index.enabled >= 0 && enabledText !== '';
  const enabled = isGiven ? (TRUE_WORDS.has(enabledText) ? 1 : 0) : (existing?.enabled ?? 1);
  if (!existing) {
    tx.run(
      `INSERT INTO users (upn, upn_key, display_name, user_type, enabled, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [upn, key, displayName, typeText, enabled, ctx.now()],
    );
    result.added++;
    return null;
  }

  const isSame =
    existing.upn === upn &&
    existing.display_name === displayName &&
    existing.user_type === typeText &&
    existing.enabled === enabled;
  if (isSame) {
    result.unchanged++;
    return null;
  }
  tx.run('UPDATE users SET upn = ?, display_name = ?, user_type = ?, enabled = ? WHERE id = ?', [
    upn,
    displayName,
    typeText,
    enabled,
    existing.id,
  ]);
  result.updated++;
  return null;
}
