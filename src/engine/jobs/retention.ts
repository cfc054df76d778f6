// Retention: upload statuses older than 30 days and audit entries older than 90 days are purged
// once at start and then every night by a node-cron job in the owner process.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

export interface RetentionTargets {
  purgeUploads(): Promise<number>;
  purgeAudit(): Promise<number>;
  purgeActivations?(): Promise<number>;
}

export const RETENTION_SCHEDULE = '17 3 * * *';

export async function runRetention(targets: RetentionTargets, logger: Logger): Promise<void> {
  try {
    const uploads = await targets.purgeUploads();
    const audit = await targets.purgeAudit();
    const activations = (await targets.purgeActivations?.()) ?? 0;
    logger.info({ uploads, audit, activations }, 'retention purge done');
  } catch (error) {
    logger.error({ err: error }, 'retention purge failed');
  }
}

export function scheduleRetention(targets: RetentionTargets, logger: Logger): ScheduledTask {
  return cron.schedule(RETENTION_SCHEDULE, () => void runRetention(targets, logger), {
    name: 'oathdesk-retention',
  });
}
