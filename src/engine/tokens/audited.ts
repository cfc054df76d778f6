// Runs an admin action in one transaction and records a refusal too: the audit trail shows who
// tried what and which rule stopped it, not only what succeeded.
import type { EngineContext } from '../context.js';
import { AdminError } from '../errors.js';
import type { Tx } from '../store/store.js';

export interface ActionTarget {
  actor: string;
  action: string;
  upn: string | null;
  serial: string | null;
}

export async function auditedWrite<R>(
  ctx: EngineContext,
  target: ActionTarget,
  work: (tx: Tx) => R,
): Promise<R> {
  try {
    return await ctx.store.write(work);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;

    await ctx.store.write((tx) =>
      ctx.audit.record(tx, {
        ...target,
        outcome: 'refused',
        reason: `${error.code}: ${error.message}`,
      }),
    );
    throw error;
  }
}
