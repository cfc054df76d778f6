// The process that owns a data directory: the engine, the RADIUS server (when it listens), the
// live metrics, the retention job and the control socket that lets other processes in.
import type { ScheduledTask } from 'node-cron';
import { ClientService } from '../engine/clients/client-service.js';
import type { Clock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { runRetention, scheduleRetention } from '../engine/jobs/retention.js';
import { createLogger, type Logger } from '../engine/logger.js';
import { LiveMetrics } from '../engine/metrics/live-metrics.js';
import type { AdminApi } from '../engine/admin-api.js';
import type { UserNameMapping } from '../engine/types.js';
import { readUserNameConfig } from './user-name-settings.js';
import { ControlServer } from './control-server.js';
import { LocalAdmin } from './local-admin.js';
import { startRadius, type RadiusHandle } from './radius-wiring.js';

export interface OwnerOptions {
  dataDir: string;
  /** `host:port` for the RADIUS server; null runs none (plain CLI commands). */
  listen: string | null;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  logToStderr?: boolean;
  logger?: Logger;
  /** Open the TUI even when the RADIUS address cannot be bound (the header says why). */
  isListenOptional?: boolean;
  /** Serve the control socket (default true). */
  hasControlSocket?: boolean;
  /**
   * Process waiting uploads from the start, resuming an interrupted one (default true: serve and
   * the TUI). A plain CLI command passes false: it processes uploads only once it queues one.
   */
  resumesUploads?: boolean;
}

export class OwnerRuntime {
  readonly clients: ClientService;
  readonly metrics: LiveMetrics;
  radius: RadiusHandle | null = null;
  private control: ControlServer | null = null;
  private retention: ScheduledTask | null = null;

  /** How RADIUS User-Names map to UPNs; replaced (never mutated) when an admin changes it. */
  userNameMapping: UserNameMapping;

  private constructor(readonly engine: Engine) {
    this.clients = new ClientService(engine.context);
    this.userNameMapping = readUserNameConfig(engine.store);
    this.metrics = new LiveMetrics(() => engine.now());
  }

  static async start(options: OwnerOptions): Promise<OwnerRuntime> {
    const logger =
      options.logger ?? createLogger(options.dataDir, { toStderr: options.logToStderr });
    const engine = await Engine.open({
      dataDir: options.dataDir,
      clock: options.clock,
      env: options.env,
      logger,
      runsBackgroundJobs: options.resumesUploads ?? true,
    });
    const runtime = new OwnerRuntime(engine);

    try {
      await runtime.startJobs();
      if (options.listen !== null) await runtime.startRadius(options.listen, options);
      if (options.hasControlSocket ?? true) {
        runtime.control = await ControlServer.listen(options.dataDir, runtime, logger);
      }
    } catch (error) {
      await runtime.close();
      throw error;
    }
    return runtime;
  }

  /** Why the RADIUS server does not run, when it was asked to and could not. */
  radiusError: string | null = null;

  private async startRadius(listen: string, options: OwnerOptions): Promise<void> {
    try {
      this.radius = await startRadius(this, listen);
    } catch (error) {
      if (!options.isListenOptional) throw error;
      this.radiusError = (error as Error).message;
      this.engine.logger.warn({ listen, err: error }, 'radius not started');
    }
  }

  admin(actor: string): AdminApi {
    return new LocalAdmin(this, actor);
  }

  /** Stops taking requests, lets queued uploads pause, flushes the store and releases the lock. */
  async close(): Promise<void> {
    this.retention?.stop();
    await this.control?.close();
    await this.radius?.server.stop();
    await this.engine.close();
  }

  private async startJobs(): Promise<void> {
    const { engine } = this;
    const targets = {
      purgeUploads: () => engine.uploads.purgeExpired(),
      purgeAudit: () => engine.audit.purge(),
      purgeActivations: () => engine.tokens.purgeActivations(),
    };
    await runRetention(targets, engine.logger);
    this.retention = scheduleRetention(targets, engine.logger);
  }
}
