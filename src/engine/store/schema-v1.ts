// The first schema. Times are integers (ms since the epoch); booleans are 0/1.
export const SCHEMA_V1 = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  upn TEXT NOT NULL,
  upn_key TEXT NOT NULL UNIQUE,          -- lower-cased UPN: matched case-insensitively
  display_name TEXT NOT NULL,
  user_type TEXT NOT NULL CHECK (user_type IN ('member', 'guest')),
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE tokens (
  id INTEGER PRIMARY KEY,
  serial TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('hardware', 'software')),
  user_id INTEGER REFERENCES users (id),
  status TEXT NOT NULL
    CHECK (status IN ('available', 'assigned', 'activated', 'failedActivation')),
  enabled INTEGER NOT NULL DEFAULT 1,
  secret BLOB NOT NULL,                  -- AES-256-GCM sealed key, see crypto/secret-box.ts
  algorithm TEXT NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits INTEGER NOT NULL CHECK (digits IN (6, 8)),
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds IN (30, 60)),
  manufacturer TEXT NOT NULL,
  model TEXT NOT NULL,
  offset_steps INTEGER NOT NULL DEFAULT 0,
  last_step INTEGER,                     -- last accepted step: at or before it is a replay
  last_used_at INTEGER,
  upload_id TEXT,
  created_at INTEGER NOT NULL,
  activated_at INTEGER
) STRICT;
CREATE INDEX tokens_by_user ON tokens (user_id);

CREATE TABLE lockouts (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  failures INTEGER NOT NULL,
  locked_until INTEGER,
  last_code_fp TEXT,
  last_failure_at INTEGER
) STRICT;

CREATE TABLE activations (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  serial TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX activations_by_time ON activations (at);

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  stored_path TEXT NOT NULL,             -- the queued copy inside the data directory
  status TEXT NOT NULL CHECK (status IN
    ('queued', 'processing', 'completed', 'completedWithErrors', 'failed')),
  rows INTEGER NOT NULL DEFAULT 0,
  imported INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  error TEXT,
  resume_line INTEGER NOT NULL DEFAULT 0, -- lines already committed: an interrupted upload resumes
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
) STRICT;

CREATE TABLE upload_failures (
  upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  upn TEXT NOT NULL,
  serial TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  hint TEXT NOT NULL,
  PRIMARY KEY (upload_id, line)
) STRICT;

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  upn TEXT,
  serial TEXT,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_time ON audit (at);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  address TEXT NOT NULL,
  secret BLOB NOT NULL,                  -- sealed like seeds
  message_authenticator TEXT NOT NULL CHECK (message_authenticator IN ('require', 'off')),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
