// The token service on the durable store: lifecycle, activation, verification with lockout, the
// tenant activation limit and software enrolment. The pieces live in their own files; this class
// is the one door the AdminApi, the CLI and the RADIUS server use.
import type { TokenQuery } from '../admin-api.js';
import type { EngineContext } from '../context.js';
import type { DEFAULT_LOCKOUT_POLICY } from '../otp/lockout.js';
import type {
  ActivationUsage,
  AuditEntry,
  CodeDecision,
  Enrollment,
  TokenDetail,
  TokenSummary,
} from '../types.js';
import { Activation } from './activation.js';
import { activationUsage, purgeActivations } from './activation-log.js';
import { DEFAULT_ISSUER, Enrollments } from './enrollment.js';
import { KeyCache } from './key-cache.js';
import { warmKeyCache } from './key-warmup.js';
import { Lifecycle, requireToken } from './lifecycle.js';
import { listTokens } from './token-list.js';
import { toSummary } from './token-rows.js';
import { Verifier, type VerifyOptions } from './verifier.js';

export interface TokenServiceOptions {
  /** Opened seeds kept in memory (default 100,000). */
  keyCacheSize?: number;
  lockoutPolicy?: typeof DEFAULT_LOCKOUT_POLICY;
}

/** Failures shown with a token's detail. */
const RECENT_FAILURES = 10;

export class TokenService {
  private readonly keys: KeyCache;
  private readonly lifecycle: Lifecycle;
  private readonly activation: Activation;
  private readonly verifier: Verifier;
  private readonly enrollments: Enrollments;

  constructor(
    private readonly ctx: EngineContext,
    options: TokenServiceOptions = {},
  ) {
    this.keys = new KeyCache(ctx.box, options.keyCacheSize);
    this.lifecycle = new Lifecycle(ctx, this.keys);
    this.activation = new Activation(ctx, this.keys);
    this.verifier = new Verifier(ctx, this.keys, options.lockoutPolicy);
    this.enrollments = new Enrollments(ctx, this.keys);
  }

  list(query: TokenQuery = {}): { total: number; rows: TokenSummary[] } {
    return listTokens(this.ctx.store, query);
  }

  get(serial: string): TokenDetail {
    const row = requireToken(this.ctx.store, serial);
    const recentFailures = this.ctx.store.all<AuditEntry>(
      `SELECT id, at, actor, action, upn, serial, outcome, reason FROM audit
       WHERE serial = ? AND outcome IN ('refused', 'reject') ORDER BY id DESC LIMIT ?`,
      [row.serial, RECENT_FAILURES],
    );
    return {
      ...toSummary(row),
      createdAt: row.created_at,
      activatedAt: row.activated_at ?? null,
      uploadId: row.upload_id ?? null,
      recentFailures,
    };
  }

  assign(serial: string, upn: string, actor: string): Promise<TokenSummary> {
    return this.lifecycle.assign(serial, upn, actor);
  }

  unassign(serial: string, actor: string): Promise<TokenSummary> {
    return this.lifecycle.unassign(serial, actor);
  }

  setEnabled(serial: string, isEnabled: boolean, actor: string): Promise<TokenSummary> {
    return this.lifecycle.setEnabled(serial, isEnabled, actor);
  }

  delete(serial: string, actor: string): Promise<void> {
    return this.lifecycle.delete(serial, actor);
  }

  activate(
    serial: string,
    code: string,
    nextCode: string | undefined,
    actor: string,
  ): Promise<CodeDecision> {
    return this.activation.activate(serial, code, nextCode, actor);
  }

  resync(serial: string, code: string, nextCode: string, actor: string): Promise<CodeDecision> {
    return this.activation.resync(serial, code, nextCode, actor);
  }

  /**
   * Checks a sign-in. `password` is the code, or the directory password followed by the code
   * (the prefix is not checked: see password-code.ts). Resolves once the decision is durable.
   */
  verify(
    upn: string,
    password: string,
    actor: string,
    options?: VerifyOptions,
  ): Promise<CodeDecision> {
    return this.verifier.verify(upn, password, actor, options);
  }

  /**
   * Reads users and their tokens into the sign-in index, then opens the seeds of activated
   * tokens (as many as each holds), in the background, so that the first sign-ins after a start
   * cost what later ones cost. Resolves with the counts; stops quietly when the store closes.
   */
  async warmUp(): Promise<{ users: number; keys: number }> {
    const counts = { users: 0, keys: 0 };
    try {
      counts.users = await this.verifier.index.fill(this.ctx.store);
      counts.keys = await warmKeyCache(this.ctx.store, this.keys, this.keys.capacity);
    } catch (error) {
      this.ctx.logger.debug({ err: error }, 'sign-in warm-up stopped');
    }
    return counts;
  }

  enroll(upn: string, actor: string, issuer = DEFAULT_ISSUER): Promise<Enrollment> {
    return this.enrollments.enroll(upn, actor, issuer);
  }

  confirmEnrollment(upn: string, code: string, actor: string): Promise<CodeDecision> {
    return this.enrollments.confirm(upn, code, actor);
  }

  methods(upn: string): TokenSummary[] {
    return this.enrollments.methods(upn);
  }

  activationUsage(): ActivationUsage {
    return activationUsage(this.ctx.store, this.ctx.now());
  }

  /** Deletes activation rows that left the window; for the nightly retention job. */
  purgeActivations(): Promise<number> {
    return purgeActivations(this.ctx.store, this.ctx.now());
  }
}
