// Software methods (authenticator apps): a fresh 160-bit secret, shown once as Base32 and as an
// otpauth:// URI, stored sealed like any seed. The method is pending (status `assigned`) until the
// user proves the app works with one code; it counts toward the five methods from the start.
import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { EngineContext } from '../context.js';
import { encodeBase32 } from '../otp/base32.js';
import { checkSignIn } from '../otp/sign-in.js';
import type { CodeDecision, Enrollment, TokenSummary } from '../types.js';
import { toDecision } from './activation.js';
import { auditedWrite } from './audited.js';
import { sealSeed, type KeyCache } from './key-cache.js';
import { checkNewMethod } from './lifecycle.js';
import { otpParams, SECRET_COLUMNS, type SecretRow } from './secret-row.js';
import { guestRefused, noPendingEnrollment, userNotFound } from './token-errors.js';
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type TokenRow } from './token-rows.js';

export const DEFAULT_ISSUER = 'oathdesk';
const SECRET_BYTES = 20;

// Authenticator apps only reliably support these; the URI says so explicitly.
const APP = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

const PENDING = "kind = 'software' AND status IN ('assigned', 'failedActivation')";

export class Enrollments {
  constructor(
    private readonly ctx: EngineContext,
    private readonly keys: KeyCache,
  ) {}

  /**
   * Creates a pending software method. A previous unconfirmed one is replaced (its QR code was
   * never used, or the user gave up), so running enroll again is how to start over.
   */
  async enroll(upn: string, actor: string, issuer = DEFAULT_ISSUER): Promise<Enrollment> {
    const target = { actor, action: 'enroll', upn, serial: null };
    const replaced: number[] = [];
    const enrollment = await auditedWrite(this.ctx, target, (tx) => {
      const found = this.ctx.directory.find(upn, tx);
      if (found === undefined) throw userNotFound(upn);
      if (found.userType === 'guest') throw guestRefused(found.upn, 'OATH methods');

      const pending = tx.all<{ id: number; serial: string }>(
        `SELECT id, serial FROM tokens WHERE user_id = ? AND ${PENDING}`,
        [found.id],
      );
      for (const old of pending) tx.run('DELETE FROM tokens WHERE id = ?', [old.id]);
      const user = checkNewMethod(this.ctx, tx, upn, 'OATH methods');

      const key = crypto.randomBytes(SECRET_BYTES);
      const serial = `SW-${encodeBase32(crypto.randomBytes(5))}`;
      tx.run(
        `INSERT INTO tokens (serial, kind, user_id, status, enabled, secret, algorithm, digits,
           interval_seconds, manufacturer, model, created_at)
         VALUES (?, 'software', ?, 'assigned', 1, ?, ?, ?, ?, ?, 'authenticator app', ?)`,
        [
          serial,
          user.id,
          sealSeed(this.ctx.box, key),
          APP.algorithm,
          APP.digits,
          APP.period,
          issuer,
          this.ctx.now(),
        ],
      );

      const note =
        pending.length > 0 ? `; replaces ${pending.map((p) => p.serial).join(', ')}` : '';
      this.ctx.audit.record(tx, {
        ...target,
        upn: user.upn,
        serial,
        outcome: 'ok',
        reason: `software method ${serial} created, waiting for confirmation${note}`,
      });
      replaced.push(...pending.map((p) => p.id));
      return {
        serial,
        upn: user.upn,
        secretBase32: encodeBase32(key),
        uri: uriFor(user.upn, key, issuer),
      };
    });

    for (const id of replaced) this.keys.forget(id);
    return enrollment;
  }

  /** Activates the pending software method with a code the app shows now (one step either way). */
  async confirm(upn: string, code: string, actor: string): Promise<CodeDecision> {
    const target = { actor, action: 'enroll-confirm', upn, serial: null };
    const { decision, who } = await auditedWrite(this.ctx, target, (tx) => {
      const user = this.ctx.directory.find(upn, tx);
      if (user === undefined) throw userNotFound(upn);
      const row = tx.get<SecretRow>(
        `SELECT ${SECRET_COLUMNS} FROM tokens WHERE user_id = ? AND ${PENDING}
         ORDER BY id DESC LIMIT 1`,
        [user.id],
      );
      if (row === undefined) throw noPendingEnrollment(user.upn);

      // App clocks follow NTP: the sign-in window around offset 0 is the right test.
      const now = this.ctx.now();
      const found = checkSignIn(
        otpParams(row, this.keys),
        { offsetSteps: 0, lastStep: null },
        code,
        now,
      );
      if (found.isAccepted) {
        tx.run(
          `UPDATE tokens SET status = 'activated', offset_steps = ?, last_step = ?,
             activated_at = ? WHERE id = ?`,
          [found.newClock.offsetSteps, found.newClock.lastStep, now, row.id],
        );
      }
      const decision = toDecision(found, row.serial);
      this.ctx.audit.record(tx, {
        ...target,
        upn: user.upn,
        serial: row.serial,
        outcome: decision.isAccepted ? 'ok' : 'refused',
        reason: `${decision.code}: ${decision.reason}`,
      });
      return { decision, who: user.upn };
    });

    const at = this.ctx.now();
    const serial = decision.serial ?? null;
    this.ctx.events.emit('activation', { at, actor, upn: who, serial, decision });
    return decision;
  }

  methods(upn: string): TokenSummary[] {
    const user = this.ctx.directory.find(upn);
    if (user === undefined) throw userNotFound(upn);
    const rows = this.ctx.store.all<TokenRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
       WHERE t.user_id = ? ORDER BY t.kind, t.serial`,
      [user.id],
    );
    return rows.map(toSummary);
  }
}

function uriFor(upn: string, key: Buffer, issuer: string): string {
  const totp = new OTPAuth.TOTP({
    issuer,
    label: upn,
    secret: new OTPAuth.Secret({ buffer: new Uint8Array(key).buffer }),
    ...APP,
  });
  return totp.toString();
}
