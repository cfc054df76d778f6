// What a sign-in decision reads: the user and their activated, enabled tokens, in two plain
// statements (a LEFT JOIN of the same tables measured several times slower in sql.js). The
// lockout row is read only for users that have one (see LockoutIndex).
import { upnKey, type UserRecord } from '../directory/directory.js';
import type { Tx } from '../store/store.js';
import type { UserType } from '../types.js';
import { SECRET_COLUMNS, type SecretRow } from './secret-row.js';

export type SignInUser = Pick<UserRecord, 'id' | 'upn' | 'userType' | 'isEnabled'>;

interface UserRow {
  id: number;
  upn: string;
  user_type: UserType;
  enabled: number;
}

// Built once: the statement cache is keyed by the SQL text, and these run on every request.
const SIGN_IN_USER = 'SELECT id, upn, user_type, enabled FROM users WHERE upn_key = ?';
const SIGN_IN_TOKENS = `SELECT ${SECRET_COLUMNS} FROM tokens
  WHERE user_id = ? AND enabled = 1 AND status = 'activated'`;

/** The user named `upn`, matched like Directory.find, or undefined. */
export function readSignInUser(tx: Tx, upn: string): SignInUser | undefined {
  const row = tx.get<UserRow>(SIGN_IN_USER, [upnKey(upn)]);
  if (row === undefined) return undefined;

  return { id: row.id, upn: row.upn, userType: row.user_type, isEnabled: row.enabled === 1 };
}

export function readSignInTokens(tx: Tx, userId: number): SecretRow[] {
  return tx.all<SecretRow>(SIGN_IN_TOKENS, [userId]);
}
