// Activation and resync: the admin proves a token works (or re-teaches a drifted clock) with the
// codes it shows. The tenant limit and the token's wrong-code limit are checked first; a refusal
// by either changes nothing else. Only a success uses one of the tenant's activation slots.
import type { EngineContext } from '../context.js';
import { searchActivation } from '../otp/activation.js';
import { resync as resyncPolicy } from '../otp/resync.js';
import type { Tx } from '../store/store.js';
import type { CodeDecision } from '../types.js';
import { checkLimit, checkTokenAttempts, countActivation } from './activation-log.js';
import { auditedWrite } from './audited.js';
import type { KeyCache } from './key-cache.js';
import { requireToken } from './lifecycle.js';
import { otpParams, SECRET_COLUMNS, type SecretRow } from './secret-row.js';
import {
  badStatus,
  notAssigned,
  softwareToken,
  tokenDisabled,
  tokenNotFound,
} from './token-errors.js';
import type { TokenRow } from './token-rows.js';

interface Decided {
  decision: CodeDecision;
  upn: string | null;
}

export class Activation {
  constructor(
    private readonly ctx: EngineContext,
    private readonly keys: KeyCache,
  ) {}

  async activate(
    serial: string,
    code: string,
    nextCode: string | undefined,
    actor: string,
  ): Promise<CodeDecision> {
    const target = { actor, action: 'activate', upn: null, serial };
    const { decision, upn } = await auditedWrite(this.ctx, target, (tx) => {
      const token = requireToken(tx, serial);
      checkActivatable(token);
      return this.decideActivation(tx, token, code, nextCode, actor);
    });

    const at = this.ctx.now();
    const tokenSerial = decision.serial ?? null;
    this.ctx.events.emit('activation', { at, actor, upn, serial: tokenSerial, decision });
    return decision;
  }

  async resync(serial: string, code: string, nextCode: string, actor: string) {
    const target = { actor, action: 'resync', upn: null, serial };
    const { decision } = await auditedWrite(this.ctx, target, (tx): Decided => {
      const token = requireToken(tx, serial);
      if (token.status !== 'activated') throw badStatus(token.serial, token.status, 'activated');

      const secret = this.secretOf(tx, token);
      const now = this.ctx.now();
      const clock = { offsetSteps: token.offset_steps, lastStep: token.last_step };
      const found = resyncPolicy(otpParams(secret, this.keys), clock, code, nextCode, now);
      if (found.isAccepted) {
        tx.run('UPDATE tokens SET offset_steps = ?, last_step = ? WHERE id = ?', [
          found.newClock.offsetSteps,
          found.newClock.lastStep,
          token.id,
        ]);
      }
      return this.record(tx, actor, 'resync', token, toDecision(found, token.serial));
    });
    return decision;
  }

  private decideActivation(
    tx: Tx,
    token: TokenRow,
    code: string,
    nextCode: string | undefined,
    actor: string,
  ): Decided {
    const now = this.ctx.now();
    const limit = checkLimit(tx, now);
    if (!limit.isAllowed) {
      const decision: CodeDecision = {
        isAccepted: false,
        code: 'RATE_LIMITED',
        reason: limit.reason ?? 'activation limit reached',
        serial: token.serial,
      };
      if (limit.retryAt !== null) decision.retryAt = limit.retryAt;
      return this.record(tx, actor, 'activate', token, decision);
    }

    const attempts = checkTokenAttempts(tx, token.serial, now);
    if (!attempts.isAllowed) {
      const decision: CodeDecision = {
        isAccepted: false,
        code: 'TOO_MANY_ATTEMPTS',
        reason: attempts.reason,
        serial: token.serial,
      };
      if (attempts.retryAt !== null) decision.retryAt = attempts.retryAt;
      return this.record(tx, actor, 'activate', token, decision);
    }

    const secret = this.secretOf(tx, token);
    const found = searchActivation(otpParams(secret, this.keys), code, nextCode, now, {
      lastStep: token.last_step,
    });

    if (found.isAccepted) {
      countActivation(tx, now, token.serial, actor);
      tx.run(
        `UPDATE tokens SET status = 'activated', offset_steps = ?, last_step = ?,
           activated_at = ? WHERE id = ?`,
        [found.newClock.offsetSteps, found.newClock.lastStep, now, token.id],
      );
    } else if (found.code !== 'BAD_FORMAT' && found.code !== 'NEED_NEXT_CODE') {
      tx.run("UPDATE tokens SET status = 'failedActivation' WHERE id = ?", [token.id]);
    }
    return this.record(tx, actor, 'activate', token, toDecision(found, token.serial));
  }

  private secretOf(tx: Tx, token: TokenRow): SecretRow {
    const row = tx.get<SecretRow>(`SELECT ${SECRET_COLUMNS} FROM tokens WHERE id = ?`, [token.id]);
    if (row === undefined) throw tokenNotFound(token.serial);
    return row;
  }

  private record(
    tx: Tx,
    actor: string,
    action: string,
    token: TokenRow,
    decision: CodeDecision,
  ): Decided {
    this.ctx.audit.record(tx, {
      actor,
      action,
      upn: token.upn,
      serial: token.serial,
      outcome: decision.isAccepted ? 'ok' : 'refused',
      reason: `${decision.code}: ${decision.reason}`,
    });
    return { decision, upn: token.upn };
  }
}

/** Refuses tokens that cannot be activated, before any code is looked at or a slot is used. */
function checkActivatable(token: TokenRow): void {
  if (token.kind === 'software') throw softwareToken(token.serial, 'activated with a code here');
  if (token.user_id === null) throw notAssigned(token.serial);
  if (token.status === 'activated') {
    throw badStatus(token.serial, token.status, 'assigned and not yet activated');
  }
  if (token.enabled !== 1) throw tokenDisabled(token.serial);
}

export function toDecision(
  found: { isAccepted: boolean; code: string; reason: string } & Partial<{
    driftSteps: number;
    needsNextCode: boolean;
    retryAt: number;
  }>,
  serial: string,
): CodeDecision {
  const decision: CodeDecision = {
    isAccepted: found.isAccepted,
    code: found.code,
    reason: found.reason,
    serial,
  };
  if (found.driftSteps !== undefined) decision.driftSteps = found.driftSteps;
  if (found.needsNextCode) decision.needsNextCode = true;
  if (found.retryAt !== undefined) decision.retryAt = found.retryAt;
  return decision;
}
