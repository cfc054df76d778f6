// How RADIUS User-Names map to UPNs (default domain, NetBIOS names, on-premises suffixes), kept in
// the settings table as JSON and changed with `oathdesk usernames`.
import type { AuditLog } from '../engine/audit/audit-log.js';
import type { Store } from '../engine/store/store.js';
import type { UserNameMapping } from '../engine/types.js';

export const USER_NAME_SETTING = 'radius.usernames';

export function readUserNameConfig(store: Store): UserNameMapping {
  const row = store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    USER_NAME_SETTING,
  ]);
  if (!row) return {};
  try {
    return JSON.parse(row.value) as UserNameMapping;
  } catch {
    return {};
  }
}

export async function writeUserNameConfig(
  store: Store,
  mapping: UserNameMapping,
  actor: string,
  audit: AuditLog,
): Promise<void> {
  await store.write((tx) => {
    tx.run(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [USER_NAME_SETTING, JSON.stringify(mapping)],
    );
    audit.record(tx, {
      actor,
      action: 'usernames.set',
      upn: null,
      serial: null,
      outcome: 'ok',
      reason: `User-Name mapping set to ${JSON.stringify(mapping)}`,
    });
  });
}
