// `oathdesk enroll UPN`, `enroll confirm UPN CODE` and `methods UPN`.
import QRCode from 'qrcode';
import type { Command } from 'commander';
import { EXIT } from '../../engine/errors.js';
import { isJson, withAdmin } from '../context.js';
import { printJson, printLine, printLines } from '../output.js';
import { printTokens } from './tokens.js';

export function registerEnrollCommands(program: Command): void {
  const enroll = program
    .command('enroll')
    .description('create a software token for a user; shows its secret and QR code once')
    .argument('<upn>', 'the user')
    .option('--json', 'print JSON (includes the secret: handle with care)')
    .action(async (upn: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const enrollment = await admin.enroll(upn);
        if (isJson(command)) return printJson(enrollment);
        // The QR code is drawn with terminal colours: only for a terminal, not a file or pipe.
        const qr = process.stdout.isTTY
          ? await QRCode.toString(enrollment.uri, { type: 'terminal', small: true })
          : '';
        // The QR code's own colour sequences must pass; the lines after it are escaped.
        process.stdout.write(qr + '\n');
        printLines([
          `software token ${enrollment.serial} for ${enrollment.upn} (pending)`,
          `secret  ${enrollment.secretBase32}`,
          `uri     ${enrollment.uri}`,
          'This secret is shown only now. Scan it, then confirm with the first code:',
          `  oathdesk enroll confirm ${enrollment.upn} CODE`,
        ]);
      });
    });

  enroll
    .command('confirm <upn> <code>')
    .description('activate a pending software token with its first code')
    .option('--json', 'print JSON')
    .action(async (upn: string, code: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const decision = await admin.confirmEnrollment(upn, code);
        if (isJson(command)) printJson(decision);
        else if (decision.isAccepted) printLine(`confirmed ${decision.serial}`);
        else printLine(`refused: ${decision.reason} [${decision.code}]`);
        return decision.isAccepted ? EXIT.ok : EXIT.refused;
      });
    });

  program
    .command('methods <upn>')
    .description("a user's OATH methods: [HW] hardware, [SW] software")
    .option('--json', 'print JSON')
    .action(async (upn: string, _options, command: Command) => {
      await withAdmin(command, async (admin) => {
        const methods = await admin.listMethods(upn);
        if (isJson(command)) return printJson(methods);
        printTokens(methods);
      });
    });
}
