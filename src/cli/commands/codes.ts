// `oathdesk activate`, `resync` and `verify`: exit 0 when the code is accepted, 1 when refused.
import type { Command } from 'commander';
import { EXIT } from '../../engine/errors.js';
import type { CodeDecision } from '../../engine/types.js';
import { isJson, withAdmin } from '../context.js';
import { formatTime, printJson, printLine } from '../output.js';
import { steps } from './tokens.js';

function printDecision(decision: CodeDecision, accepted: string, serial = 'SERIAL'): void {
  if (decision.isAccepted) {
    const drift = decision.driftSteps ? ` (drift ${steps(decision.driftSteps)})` : '';
    printLine(`${accepted}${drift}`);
    return;
  }
  printLine(`refused: ${decision.reason} [${decision.code}]`);
  if (decision.retryAt) printLine(`  retry after ${formatTime(decision.retryAt)}`);
  if (decision.needsNextCode) {
    printLine(`  enter the next code too: oathdesk activate ${serial} CODE NEXTCODE`);
  }
}

export function registerCodeCommands(program: Command): void {
  program
    .command('activate <serial> <code> [nextCode]')
    .description('activate a token with the code it shows (and the next one when asked)')
    .option('--json', 'print JSON')
    .action(async (serial: string, code: string, nextCode: string | undefined, _o, command) => {
      await withAdmin(command as Command, async (admin) => {
        const decision = await admin.activate(serial.trim(), code, nextCode);
        if (isJson(command as Command)) printJson(decision);
        else printDecision(decision, `activated ${serial.trim()}`, serial.trim());
        return decision.isAccepted ? EXIT.ok : EXIT.refused;
      });
    });

  program
    .command('resync <serial> <code> <nextCode>')
    .description('relearn a drifted token clock from two consecutive codes')
    .option('--json', 'print JSON')
    .action(async (serial: string, code: string, nextCode: string, _o, command: Command) => {
      await withAdmin(command, async (admin) => {
        const decision = await admin.resync(serial.trim(), code, nextCode);
        if (isJson(command)) printJson(decision);
        else printDecision(decision, `resynchronised ${serial}`);
        return decision.isAccepted ? EXIT.ok : EXIT.refused;
      });
    });

  program
    .command('verify <upn> <code>')
    .description('check a sign-in code as the RADIUS server would (it counts as a sign-in)')
    .option('--json', 'print JSON')
    .action(async (upn: string, code: string, _o, command: Command) => {
      await withAdmin(command, async (admin) => {
        const decision = await admin.verify(upn, code);
        if (isJson(command)) printJson(decision);
        else
          printDecision(
            decision,
            `accepted ${upn}${decision.serial ? ` (${decision.serial})` : ''}`,
          );
        return decision.isAccepted ? EXIT.ok : EXIT.refused;
      });
    });
}
