// What every engine service is built from. Services receive it in their constructor.
import type { AuditLog } from './audit/audit-log.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Directory } from './directory/directory.js';
import type { EngineEvents } from './events.js';
import type { Logger } from './logger.js';
import type { Store } from './store/store.js';

export interface EngineContext {
  dataDir: string;
  store: Store;
  box: SecretBox;
  events: EngineEvents;
  directory: Directory;
  audit: AuditLog;
  logger: Logger;
  /** The injected clock: milliseconds since the epoch. */
  now: () => number;
}
