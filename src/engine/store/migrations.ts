// Schema migrations, applied in order at open. `meta.schema_version` records the last one applied.
// Never edit a released migration: add a new one.
import type { Database } from 'sql.js';
import { SCHEMA_V1 } from './schema-v1.js';

const MIGRATIONS: string[] = [SCHEMA_V1];

export const SCHEMA_VERSION = MIGRATIONS.length;

function currentVersion(db: Database): number {
  const result = db.exec("SELECT value FROM meta WHERE key = 'schema_version'");
  return Number(result[0]?.values[0]?.[0] ?? 0);
}

/** Applies pending migrations; returns whether any ran. */
export function migrate(db: Database): boolean {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const from = currentVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new Error(
      `database schema ${from} is newer than this oathdesk (${SCHEMA_VERSION}); upgrade oathdesk`,
    );
  }

  for (let version = from; version < SCHEMA_VERSION; version++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[version] ?? '');
      db.run(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) " +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [String(version + 1)],
      );
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return from < SCHEMA_VERSION;
}
