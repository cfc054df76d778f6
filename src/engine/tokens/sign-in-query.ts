// What a sign-in decision reads when the user is not in the sign-in index: the user and their
// activated, enabled tokens, in two plain statements (a LEFT JOIN of the same tables measured
// several times slower in sql.js). The lockout row is read only for users that have one (see
// LockoutIndex).
import type { UserRecord } from '../directory/directory.js';
import type { Tx } from '../store/store.js';
import type { UserType } from '../types.js';
import { SECRET_COLUMNS, type SecretRow } from './secret-row.js';

export type SignInUser = Pick<UserRecord, 'id' | 'upn' | 'userType' | 'isEnabled'>;

export interface UserRow {
  id: number;
  upn: string;
  upn_key: string;
  user_type: UserType;
  enabled: number;
}

// Built once: the statement cache is keyed by the SQL text, and these run on every request.
const SIGN_IN_USER = 'SELECT id, upn, upn_key, user_type, enabled FROM users WHERE upn_key = ?';
const SIGN_IN_TOKENS = `SELECT ${SECRET_COLUMNS} FROM tokens
  WHERE user_id = ? AND enabled = 1 AND status = 'activated' ORDER BY id`;

/** The user whose UPN key (see upnKey) is `key`, or undefined. */
export function readSignInUser(tx: Pick<Tx, 'get'>, key: string): SignInUser | undefined {
  const row = tx.get<UserRow>(SIGN_IN_USER, [key]);
  return row === undefined ? undefined : toSignInUser(row);
}

export function toSignInUser(row: UserRow): SignInUser {
  return { id: row.id, upn: row.upn, userType: row.user_type, isEnabled: row.enabled === 1 };
}

export function readSignInTokens(tx: Pick<Tx, 'all'>, userId: number): SecretRow[] {
  return tx.all<SecretRow>(SIGN_IN_TOKENS, [userId]);
}
