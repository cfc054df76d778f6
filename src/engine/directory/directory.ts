// The tenant directory: users looked up by UPN, case-insensitively.
import type { Store, Tx } from '../store/store.js';
import type { User, UserType } from '../types.js';

export interface UserRecord {
  id: number;
  upn: string;
  displayName: string;
  userType: UserType;
  isEnabled: boolean;
}

interface UserRow {
  id: number;
  upn: string;
  display_name: string;
  user_type: UserType;
  enabled: number;
  method_count?: number;
}

/** The key a UPN is matched by: trimmed, NFC-normalised, lower-cased. */
export function upnKey(upn: string): string {
  return upn.trim().normalize('NFC').toLowerCase();
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    upn: row.upn,
    displayName: row.display_name,
    userType: row.user_type,
    isEnabled: row.enabled === 1,
  };
}

export class Directory {
  constructor(private readonly store: Store) {}

  find(upn: string, tx?: Tx): UserRecord | undefined {
    const reader = tx ?? this.store;
    const row = reader.get<UserRow>(
      'SELECT id, upn, display_name, user_type, enabled FROM users WHERE upn_key = ?',
      [upnKey(upn)],
    );
    return row ? toRecord(row) : undefined;
  }

  findById(id: number): UserRecord | undefined {
    const row = this.store.get<UserRow>(
      'SELECT id, upn, display_name, user_type, enabled FROM users WHERE id = ?',
      [id],
    );
    return row ? toRecord(row) : undefined;
  }

  /** OATH methods the user holds now, hardware and software together. */
  methodCount(userId: number, tx?: Tx): number {
    const reader = tx ?? this.store;
    const row = reader.get<{ n: number }>('SELECT count(*) AS n FROM tokens WHERE user_id = ?', [
      userId,
    ]);
    return Number(row?.n ?? 0);
  }

  list(): User[] {
    const rows = this.store.all<UserRow>(
      `SELECT u.id, u.upn, u.display_name, u.user_type, u.enabled,
              (SELECT count(*) FROM tokens t WHERE t.user_id = u.id) AS method_count
       FROM users u ORDER BY u.upn_key`,
    );
    return rows.map((row) => ({
      upn: row.upn,
      displayName: row.display_name,
      userType: row.user_type,
      isEnabled: row.enabled === 1,
      methodCount: Number(row.method_count ?? 0),
    }));
  }

  count(): number {
    return Number(this.store.get<{ n: number }>('SELECT count(*) AS n FROM users')?.n ?? 0);
  }
}
