// Verification: the path the RADIUS server and `oathdesk verify` use. Everything from the user
// lookup to the state update runs synchronously inside one store.write, so two requests with the
// same code cannot both pass: the second sees the first one's last step even while the first is
// still being fsynced. The promise resolves only once the decision is durable, so an Accept is
// sent only for a step that a crash cannot make usable again.
import type { EngineContext } from '../context.js';
import {
  checkLockout,
  checkSignIn,
  codeFingerprint,
  DEFAULT_LOCKOUT_POLICY,
  describeTime,
  registerFailure,
  type LockoutPolicy,
  type LockoutState,
  type SignInDecision,
  type SignInOptions,
} from '../otp/policy.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Tx } from '../store/store.js';
import type { CodeDecision } from '../types.js';
import type { KeyCache } from './key-cache.js';
import { fingerprintKey, LockoutIndex, lockoutOrEmpty } from './lockout-store.js';
import { codeFromPassword } from './password-code.js';
import { otpParams, type SecretRow } from './secret-row.js';
import { SignInIndex } from './sign-in-index.js';
import type { SignInUser } from './sign-in-query.js';

export type VerifyOptions = SignInOptions;

interface Checked {
  token: SecretRow;
  decision: SignInDecision;
}

interface Pending {
  upn: string;
  password: string;
  actor: string;
  opts: VerifyOptions;
  resolve: (decision: CodeDecision) => void;
  reject: (error: unknown) => void;
}

/** Most checks decided in one transaction, so one batch never holds the event loop for long. */
const MAX_BATCH = 500;

/** The verifier's only change to a token; the sign-in index applies it itself. */
const UPDATE_CLOCK =
  'UPDATE tokens SET offset_steps = ?, last_step = ?, last_used_at = ? WHERE id = ?';

interface Outcome {
  decision: CodeDecision;
  upn: string | null;
}

// The most telling refusal wins when a user has several tokens: a replay says more than a
// wrong code, and a format error (say, a 6-digit code for an 8-digit token) says least.
const REFUSAL_RANK: Record<string, number> = {
  REPLAY: 5,
  STALE_CODE: 4,
  DRIFTED: 3,
  WRONG_CODE: 2,
  BAD_FORMAT: 1,
};

export class Verifier {
  private fpKey: Buffer | null = null;
  private queue: Pending[] = [];
  private readonly lockouts = new LockoutIndex();
  /** Users and tokens in memory; see sign-in-index.ts for why it is exact. */
  readonly index: SignInIndex;

  constructor(
    private readonly ctx: EngineContext,
    private readonly keys: KeyCache,
    private readonly lockoutPolicy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
  ) {
    this.index = new SignInIndex(ctx.store);
    this.index.own(UPDATE_CLOCK);
  }

  /**
   * Queues a sign-in check. Checks queued in the same turn of the event loop are decided
   * together in one transaction (one journal record, one fsync wait), in arrival order: a later
   * one sees every state change of the earlier ones, so a replay within a batch is refused too.
   */
  verify(upn: string, password: string, actor: string, opts: VerifyOptions = {}) {
    return new Promise<CodeDecision>((resolve, reject) => {
      this.queue.push({ upn, password, actor, opts, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) setImmediate(() => this.flush());

    let durable: Promise<(Outcome | Error)[]>;
    try {
      durable = this.ctx.store.write((tx) => {
        const audits: AuditInput[] = [];
        const outcomes = batch.map((item) => this.decideOne(tx, item, audits));
        // The decisions' audit rows, written in the same transaction: nothing in a decision
        // reads the audit table, so they can wait for the end of the batch.
        this.ctx.audit.recordAll(tx, audits);
        return outcomes;
      });
    } catch (error) {
      // The transaction was rolled back: forget what it changed in memory.
      this.lockouts.reset();
      this.index.clear();
      for (const item of batch) item.reject(error);
      return;
    }

    durable.then(
      (outcomes) => outcomes.forEach((outcome, i) => this.settle(batch[i] as Pending, outcome)),
      (error: unknown) => batch.forEach((item) => item.reject(error)),
    );
  }

  // A check that throws (a seed that cannot be decrypted) fails alone; it throws before it
  // writes anything, so the rest of the batch is unaffected.
  private decideOne(tx: Tx, item: Pending, audits: AuditInput[]): Outcome | Error {
    try {
      return this.decide(tx, item, audits);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private settle(item: Pending, outcome: Outcome | Error): void {
    if (outcome instanceof Error) return item.reject(outcome);

    const { decision } = outcome;
    const { events } = this.ctx;
    if (events.listenerCount('verification') > 0) {
      events.emit('verification', {
        at: this.ctx.now(),
        actor: item.actor,
        upn: outcome.upn,
        serial: decision.serial ?? null,
        decision,
      });
    }
    item.resolve(decision);
  }

  private decide(tx: Tx, item: Pending, audits: AuditInput[]): Outcome {
    const { upn, password, actor, opts } = item;
    const now = this.ctx.now();
    const entry = this.index.lookup(tx, upn);
    const record = (decision: CodeDecision, who: string | null): Outcome => {
      audits.push({
        actor,
        action: 'verify',
        upn: who,
        serial: decision.serial ?? null,
        outcome: decision.isAccepted ? 'accept' : 'reject',
        // The stable code leads, so `audit --filter REPLAY` finds every replay.
        reason: `${decision.code}: ${decision.reason}`,
      });
      return { decision, upn: who };
    };

    if (entry === undefined) {
      const reason = `user '${upn.trim()}' doesn't exist in the tenant directory`;
      // The name as asked, so `audit --user` finds attempts for names that do not exist.
      return record(refusal('USER_UNKNOWN', reason), upn.trim().toLowerCase());
    }

    const { user, tokens } = entry;
    const lockout = this.lockouts.read(tx, user.id);
    const locked = lockout === null ? null : checkLockout(lockout, now);
    if (locked !== null) return record(locked, user.upn);

    const barred = refuseUser(user);
    if (barred !== null) return record(barred, user.upn);

    if (tokens.length === 0) {
      const reason = 'no activated, enabled token: activate or enable one, or enrol an app';
      return record(refusal('NO_ACTIVE_TOKEN', reason), user.upn);
    }

    // Every token is checked, with no early exit, so timing does not tell which one matched.
    const checked: Checked[] = tokens.map((token) => ({
      token,
      decision: checkSignIn(
        otpParams(token, this.keys),
        { offsetSteps: token.offset_steps, lastStep: token.last_step },
        codeFromPassword(password, token.digits === 8 ? 8 : 6),
        now,
        opts,
      ),
    }));

    const hit = checked.find((c) => c.decision.isAccepted);
    if (hit !== undefined && hit.decision.isAccepted) {
      const { newClock, reason, driftSteps } = hit.decision;
      const token = hit.token;
      tx.run(UPDATE_CLOCK, [newClock.offsetSteps, newClock.lastStep, now, token.id]);
      // The index's copy changes in the same step, so the next request (even in this batch)
      // sees the spent step.
      token.offset_steps = newClock.offsetSteps;
      token.last_step = newClock.lastStep;
      if (lockout !== null)
        this.lockouts.write(tx, user.id, { ...lockout, failures: 0, lockedUntil: null });
      const serial = hit.token.serial;
      return record({ isAccepted: true, code: 'ACCEPTED', reason, serial, driftSteps }, user.upn);
    }

    return record(this.refuseCode(tx, user, lockout, checked, password, now), user.upn);
  }

  // Only a wrong code is a strike: a replayed, stale or drifted code is a real code of the
  // token (no guess), and a format error is a typing slip that must not lock anyone out.
  private refuseCode(
    tx: Tx,
    user: SignInUser,
    lockout: LockoutState | null,
    checked: Checked[],
    password: string,
    now: number,
  ): CodeDecision {
    const best = checked.reduce((a, b) =>
      (REFUSAL_RANK[b.decision.code] ?? 0) > (REFUSAL_RANK[a.decision.code] ?? 0) ? b : a,
    );
    const { decision } = best;
    const serial =
      checked.length === 1 || decision.code !== 'WRONG_CODE' ? best.token.serial : undefined;
    const driftSteps = decision.isAccepted ? undefined : decision.driftSteps;
    const base: CodeDecision = { isAccepted: false, code: decision.code, reason: decision.reason };
    if (serial !== undefined) base.serial = serial;
    if (driftSteps !== undefined) base.driftSteps = driftSteps;
    if (decision.code !== 'WRONG_CODE') return base;

    if (checked.length > 1)
      base.reason = `wrong code for each of the user's ${checked.length} tokens`;
    this.fpKey ??= fingerprintKey(this.ctx, tx);
    const fp = codeFingerprint(password.trim(), this.fpKey);
    const before = lockoutOrEmpty(lockout);
    const next = registerFailure(before, fp, now, this.lockoutPolicy);
    const isRepeat = next === before;
    if (!isRepeat) this.lockouts.write(tx, user.id, next);

    const counted = isRepeat ? ' (same wrong code again within a minute: counted once)' : '';
    base.reason += `${counted}; ${next.failures} wrong in a row`;
    if (next.lockedUntil !== null && next.lockedUntil > now) {
      base.reason += `, locked out until ${describeTime(next.lockedUntil)}`;
      base.retryAt = next.lockedUntil;
    }
    return base;
  }
}

function refusal(code: string, reason: string): CodeDecision {
  return { isAccepted: false, code, reason };
}

function refuseUser(user: SignInUser): CodeDecision | null {
  if (!user.isEnabled) return refusal('USER_DISABLED', `user '${user.upn}' is disabled`);
  if (user.userType === 'guest') {
    return refusal('USER_GUEST', `'${user.upn}' is a guest user; guests cannot sign in with OATH`);
  }
  return null;
}
