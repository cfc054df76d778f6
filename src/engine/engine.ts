// The engine: one store and the services over it. It knows nothing of terminals or sockets.
import { AuditLog } from './audit/audit-log.js';
import { systemClock, type Clock } from './clock.js';
import type { EngineContext } from './context.js';
import { SecretBox } from './crypto/secret-box.js';
import { Directory } from './directory/directory.js';
import { createEngineEvents } from './events.js';
import { createLogger, type Logger } from './logger.js';
import { checkKey } from './crypto/key-check.js';
import { Store, type StoreOptions } from './store/store.js';
import { TokenService } from './tokens/token-service.js';
import { UploadService } from './upload/upload-service.js';

export interface EngineOptions {
  dataDir: string;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  store?: StoreOptions;
  /** Process queued uploads in this process (the owner of the data directory does). */
  runsBackgroundJobs?: boolean;
}

export class Engine {
  readonly uploads: UploadService;
  readonly tokens: TokenService;

  private constructor(readonly context: EngineContext) {
    this.uploads = new UploadService(context);
    this.tokens = new TokenService(context);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const store = await Store.open(options.dataDir, options.store);
    let box: SecretBox;
    try {
      box = SecretBox.forDirectory(options.dataDir, options.env);
      await checkKey(store, box);
    } catch (error) {
      await store.close();
      throw error;
    }
    const clock = options.clock ?? systemClock;
    const now = () => clock.now();
    const events = createEngineEvents();
    const context: EngineContext = {
      dataDir: options.dataDir,
      store,
      box,
      events,
      directory: new Directory(store),
      audit: new AuditLog(store, events, now),
      logger: options.logger ?? createLogger(options.dataDir),
      now,
    };

    const engine = new Engine(context);
    if (store.droppedJournalBytes > 0) {
      context.logger.warn(
        { bytes: store.droppedJournalBytes },
        'journal ended in a torn record, dropped: a crash mid-write leaves one (that write was ' +
          'never acknowledged); if the file was cut by other means, acknowledged writes are lost',
      );
    }
    if (options.runsBackgroundJobs ?? true) engine.startBackgroundJobs();
    return engine;
  }

  get store(): Store {
    return this.context.store;
  }

  get events() {
    return this.context.events;
  }

  get directory(): Directory {
    return this.context.directory;
  }

  get audit(): AuditLog {
    return this.context.audit;
  }

  get logger(): Logger {
    return this.context.logger;
  }

  now(): number {
    return this.context.now();
  }

  private startBackgroundJobs(): void {
    this.uploads.start();
  }

  /** Stops background work, then folds the journal into a snapshot and releases the lock. */
  async close(): Promise<void> {
    await this.uploads.stop();
    await this.context.store.close();
    this.context.logger.flush();
  }
}
