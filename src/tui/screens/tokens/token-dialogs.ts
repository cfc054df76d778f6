// The dialogs of the Tokens screen. Each runs one admin call and reports its result.
import type { AdminApi } from '../../../engine/admin-api.js';
import type { ActivationUsage, CodeDecision, TokenSummary } from '../../../engine/types.js';
import { clock, signed } from '../../format.js';
import { confirmOf, type CommandId } from '../../keys/key-table.js';
import type { ConfirmDialog, FormDialog, FormOutcome, Note } from '../../state/dialog.js';

export function usageLine(usage: ActivationUsage): string {
  const minutes = Math.round(usage.windowSeconds / 60);
  // When a slot frees matters only while none is free; with slots left it read as a wait.
  const freesAt = usage.used >= usage.limit ? usage.nextSlotAt : null;
  const next = freesAt === null ? '' : `, next slot frees at ${clock(freesAt)}`;

  return `Activations: ${usage.used}/${usage.limit} in the last ${minutes} min${next}`;
}

/** The reason of a refused code, with what to do next. */
export function decisionNote(decision: CodeDecision, usage?: ActivationUsage): Note {
  const lines = [`${decision.code}: ${decision.reason}`];
  if (decision.driftSteps !== undefined && decision.driftSteps !== 0) {
    lines.push(`The token's clock is ${signed(decision.driftSteps)} steps off.`);
  }
  if (decision.retryAt !== undefined) lines.push(`Try again after ${clock(decision.retryAt)}.`);
  if (usage) lines.push(usageLine(usage));

  return { tone: decision.isAccepted ? 'ok' : 'error', lines };
}

export function activationDialog(
  admin: AdminApi,
  token: TokenSummary,
  usage: ActivationUsage,
  onChange: () => void,
  firstCode?: string,
  note?: Note,
): FormDialog {
  return {
    kind: 'form',
    title: `Activate ${token.serial} (${token.upn ?? 'unassigned'})`,
    body: [usageLine(usage)],
    note,
    fields: [{ label: firstCode ? 'Next code' : 'Code on the token', initial: '' }],
    submit: async ([code = '']): Promise<FormOutcome> => {
      const decision = firstCode
        ? await admin.activate(token.serial, firstCode, code.trim())
        : await admin.activate(token.serial, code.trim());
      onChange();
      const after = await admin.activationUsage();

      if (decision.isAccepted) {
        const drift = decision.driftSteps ? ` (drift ${signed(decision.driftSteps)} steps)` : '';
        const text = `${token.serial} activated${drift}. ${usageLine(after)}`;

        return { kind: 'done', status: { tone: 'ok', text } };
      }

      if (decision.needsNextCode && !firstCode) {
        const ask = decisionNote(decision);
        ask.tone = 'warn';
        ask.lines.push('Wait for the token to show its next code and enter it.');

        return {
          kind: 'next',
          dialog: activationDialog(admin, token, after, onChange, code.trim(), ask),
        };
      }

      return { kind: 'stay', note: decisionNote(decision, after) };
    },
  };
}

export function resyncDialog(
  admin: AdminApi,
  token: TokenSummary,
  onChange: () => void,
): FormDialog {
  return {
    kind: 'form',
    title: `Resync ${token.serial}: enter two consecutive codes`,
    fields: [
      { label: 'Code', initial: '' },
      { label: 'Next code', initial: '' },
    ],
    submit: async ([code = '', next = '']): Promise<FormOutcome> => {
      const decision = await admin.resync(token.serial, code.trim(), next.trim());
      onChange();

      if (!decision.isAccepted) return { kind: 'stay', note: decisionNote(decision) };

      const drift = signed(decision.driftSteps ?? 0);
      const text = `${token.serial} resynced; drift now ${drift} steps`;

      return { kind: 'done', status: { tone: 'ok', text } };
    },
  };
}

export function assignDialog(
  admin: AdminApi,
  token: TokenSummary,
  onChange: () => void,
): FormDialog {
  return {
    kind: 'form',
    title: `Assign ${token.serial} to a user`,
    fields: [{ label: 'UPN', initial: '' }],
    submit: async ([upn = '']): Promise<FormOutcome> => {
      const result = await admin.assignToken(token.serial, upn.trim());
      onChange();
      const text = `${result.serial} assigned to ${result.upn ?? upn}; activate it with a`;

      return { kind: 'done', status: { tone: 'ok', text } };
    },
  };
}

export function filterDialog(
  title: string,
  current: string,
  apply: (text: string) => void,
): FormDialog {
  return {
    kind: 'form',
    title,
    fields: [{ label: 'Contains', initial: current }],
    submit: async ([text = '']): Promise<FormOutcome> => {
      apply(text);
      const shown = text.trim() ? `Filter: "${text.trim()}" (Esc clears)` : 'Filter cleared';

      return { kind: 'done', status: { tone: 'muted', text: shown } };
    },
  };
}

/** The confirmation of a command; the key table says whether it is a dangerous one. */
export function confirmDialog(
  command: CommandId,
  title: string,
  message: string,
  run: () => Promise<string>,
): ConfirmDialog {
  return {
    kind: 'confirm',
    title,
    message,
    isDangerous: confirmOf(command) === 'dangerous',
    run: async () => ({ tone: 'ok', text: await run() }),
  };
}
