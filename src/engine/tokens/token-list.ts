// The token list: filtered, ordered by serial and paged in SQL, so a screen of a million tokens
// reads one page and one count, never the whole table.
import type { TokenQuery } from '../admin-api.js';
import { upnKey } from '../directory/directory.js';
import type { SqlParam, Store } from '../store/store.js';
import type { TokenSummary } from '../types.js';
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type TokenRow } from './token-rows.js';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 10_000;

export function listTokens(
  store: Store,
  query: TokenQuery,
): { total: number; rows: TokenSummary[] } {
  const where: string[] = [];
  const params: SqlParam[] = [];

  if (query.upn !== undefined && query.upn.trim() !== '') {
    // Through the user's id: the tokens_by_user index, not a scan of the join.
    where.push('t.user_id = (SELECT id FROM users WHERE upn_key = ?)');
    params.push(upnKey(query.upn));
  }

  if (query.status === 'disabled') {
    where.push('t.enabled = 0');
  } else if (query.status !== undefined) {
    where.push('t.status = ?');
    params.push(query.status);
  }

  const text = query.text?.trim();
  if (text) {
    // LIKE column by column (case-insensitive for ASCII letters, which serials, models, makers,
    // statuses and UPN keys are made of), the UPN through a subquery evaluated once: about
    // twice as fast as lower() over a joined, concatenated string on a million tokens.
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      "(t.serial LIKE ? ESCAPE '\\' OR t.model LIKE ? ESCAPE '\\'" +
        " OR t.manufacturer LIKE ? ESCAPE '\\' OR t.status LIKE ? ESCAPE '\\'" +
        " OR t.user_id IN (SELECT id FROM users WHERE upn_key LIKE ? ESCAPE '\\'))",
    );
    params.push(pattern, pattern, pattern, pattern, pattern.toLowerCase());
  }

  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(
    store.get<{ n: number }>(`SELECT count(*) AS n FROM tokens t ${clause}`, params)?.n ?? 0,
  );

  const limit = Math.max(1, Math.min(Math.floor(query.limit ?? DEFAULT_PAGE), MAX_PAGE));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const rows = store.all<TokenRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} ${clause}
     ORDER BY t.serial LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  return { total, rows: rows.map(toSummary) };
}
