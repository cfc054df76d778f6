// How a token row is read from the store and shown to an admin. The sealed secret is never part
// of a summary: only the verifier and the activation path read it, through the key cache.
import type { HashAlgorithm, TokenKind, TokenStatus, TokenSummary } from '../types.js';

/** The columns of a token as listed, joined with its holder's UPN. */
export const SUMMARY_COLUMNS = `t.id, t.serial, t.kind, t.status, t.enabled, t.user_id, u.upn,
  t.manufacturer, t.model, t.interval_seconds, t.digits, t.algorithm, t.offset_steps,
  t.last_step, t.last_used_at, t.created_at, t.activated_at, t.upload_id`;

export const SUMMARY_FROM = 'tokens t LEFT JOIN users u ON u.id = t.user_id';

export interface TokenRow {
  id: number;
  serial: string;
  kind: TokenKind;
  status: TokenStatus;
  enabled: number;
  user_id: number | null;
  upn: string | null;
  manufacturer: string;
  model: string;
  interval_seconds: number;
  digits: number;
  algorithm: HashAlgorithm;
  offset_steps: number;
  last_step: number | null;
  last_used_at: number | null;
  created_at: number;
  activated_at: number | null;
  upload_id: string | null;
}

export function toSummary(row: TokenRow): TokenSummary {
  const intervalSeconds = row.interval_seconds === 60 ? 60 : 30;
  return {
    serial: row.serial,
    kind: row.kind,
    status: row.status,
    isEnabled: row.enabled === 1,
    upn: row.upn ?? null,
    manufacturer: row.manufacturer,
    model: row.model,
    intervalSeconds,
    digits: row.digits === 8 ? 8 : 6,
    algorithm: row.algorithm,
    driftSteps: row.offset_steps,
    driftSeconds: row.offset_steps * intervalSeconds,
    lastUsedAt: row.last_used_at ?? null,
  };
}
