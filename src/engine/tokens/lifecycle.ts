// Admin actions on one token: assign, unassign, enable/disable, delete. Each runs in one
// transaction with its audit row, and is refused with an AdminError that names the rule.
import type { EngineContext } from '../context.js';
import type { Tx } from '../store/store.js';
import type { TokenSummary } from '../types.js';
import { auditedWrite } from './audited.js';
import type { KeyCache } from './key-cache.js';
import {
  guestRefused,
  userDisabled,
  heldByOther,
  MAX_METHODS_PER_USER,
  methodLimit,
  softwareToken,
  tokenNotFound,
  userNotFound,
} from './token-errors.js';
import { SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type TokenRow } from './token-rows.js';

export function findToken(reader: Pick<Tx, 'get'>, serial: string): TokenRow | undefined {
  return reader.get<TokenRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE serial = ?`, [
    serial.trim(),
  ]);
}

export function requireToken(reader: Pick<Tx, 'get'>, serial: string): TokenRow {
  const row = findToken(reader, serial);
  if (row === undefined) throw tokenNotFound(serial);
  return row;
}

/**
 * The rules for giving a user one more OATH method: the user exists, is an enabled member and
 * holds fewer than five. Disabled users are refused as the upload refuses them, so that the
 * same rule holds whichever way a token reaches a user.
 */
export function checkNewMethod(ctx: EngineContext, tx: Tx, upn: string, what: string) {
  const user = ctx.directory.find(upn, tx);
  if (user === undefined) throw userNotFound(upn);
  if (user.userType === 'guest') throw guestRefused(user.upn, what);
  if (!user.isEnabled) throw userDisabled(user.upn);

  const count = ctx.directory.methodCount(user.id, tx);
  if (count >= MAX_METHODS_PER_USER) throw methodLimit(user.upn, count);
  return user;
}

export class Lifecycle {
  constructor(
    private readonly ctx: EngineContext,
    private readonly keys: KeyCache,
  ) {}

  assign(serial: string, upn: string, actor: string): Promise<TokenSummary> {
    return auditedWrite(this.ctx, { actor, action: 'assign', upn, serial }, (tx) => {
      const token = requireToken(tx, serial);
      if (token.kind === 'software') throw softwareToken(token.serial, 'assigned');

      const user = this.ctx.directory.find(upn, tx);
      if (user === undefined) throw userNotFound(upn);
      if (token.user_id === user.id) return toSummary(token);
      if (token.user_id !== null) throw heldByOther(token.serial, token.upn ?? '?');
      checkNewMethod(this.ctx, tx, upn, 'hardware tokens');

      tx.run("UPDATE tokens SET user_id = ?, status = 'assigned' WHERE id = ?", [
        user.id,
        token.id,
      ]);
      this.auditRow(tx, actor, 'assign', user.upn, token.serial, `assigned to ${user.upn}`);
      return toSummary(requireToken(tx, token.serial));
    });
  }

  /**
   * Back to inventory. The learned offset and the activation go; the last accepted step stays,
   * so codes spent by the previous holder are never accepted again after a re-assignment.
   */
  unassign(serial: string, actor: string): Promise<TokenSummary> {
    return auditedWrite(this.ctx, { actor, action: 'unassign', upn: null, serial }, (tx) => {
      const token = requireToken(tx, serial);
      if (token.kind === 'software') throw softwareToken(token.serial, 'unassigned');
      if (token.user_id === null) return toSummary(token);

      tx.run(
        `UPDATE tokens SET user_id = NULL, status = 'available', offset_steps = 0,
           activated_at = NULL WHERE id = ?`,
        [token.id],
      );
      const reason = `unassigned from ${token.upn ?? '?'}`;
      this.auditRow(tx, actor, 'unassign', token.upn, token.serial, reason);
      return toSummary(requireToken(tx, token.serial));
    });
  }

  setEnabled(serial: string, isEnabled: boolean, actor: string): Promise<TokenSummary> {
    const target = { actor, action: isEnabled ? 'enable' : 'disable', upn: null, serial };
    return auditedWrite(this.ctx, target, (tx) => {
      const token = requireToken(tx, serial);
      if ((token.enabled === 1) === isEnabled) return toSummary(token);

      tx.run('UPDATE tokens SET enabled = ? WHERE id = ?', [isEnabled ? 1 : 0, token.id]);
      const action = isEnabled ? 'enable' : 'disable';
      this.auditRow(tx, actor, action, token.upn, token.serial, `token ${action}d`);
      return toSummary(requireToken(tx, token.serial));
    });
  }

  async delete(serial: string, actor: string): Promise<void> {
    const target = { actor, action: 'delete', upn: null, serial };
    const id = await auditedWrite(this.ctx, target, (tx) => {
      const token = requireToken(tx, serial);
      tx.run('DELETE FROM tokens WHERE id = ?', [token.id]);
      const held = token.upn === null ? 'held by nobody' : `held by ${token.upn}`;
      const reason = `${token.kind} token deleted (${token.status}, ${held})`;
      this.auditRow(tx, actor, 'delete', token.upn, token.serial, reason);
      return token.id;
    });
    this.keys.forget(id);
  }

  private auditRow(
    tx: Tx,
    actor: string,
    action: string,
    upn: string | null,
    serial: string,
    reason: string,
  ): void {
    this.ctx.audit.record(tx, { actor, action, upn, serial, outcome: 'ok', reason });
  }
}
