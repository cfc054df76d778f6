// The `oathdesk` command line. With no command it opens the TUI with the RADIUS server embedded.
import { Command } from 'commander';
import { EXIT } from '../engine/errors.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerClientCommands } from './commands/clients.js';
import { registerCodeCommands } from './commands/codes.js';
import { registerEnrollCommands } from './commands/enroll.js';
import { registerServeCommands } from './commands/serve.js';
import { registerTokenCommands } from './commands/tokens.js';
import { registerUploadCommands } from './commands/uploads.js';
import { registerUserCommands } from './commands/users.js';
import { registerUserNameCommands } from './commands/usernames.js';
import { isJsonAnywhere } from './context.js';
import { asksForJson, failureOf, printFailure } from './error-output.js';

function buildProgram(usageText: string[]): Command {
  const program = new Command('oathdesk')
    .description('OATH TOTP tokens for a user directory: TUI, RADIUS server and CLI')
    .option('--data <dir>', 'data directory (default: $OATHDESK_DATA, else ./data)')
    .showHelpAfterError()
    // Held back until it is known whether --json was given: then the error goes out as JSON.
    .configureOutput({ writeErr: (text) => usageText.push(text) })
    .exitOverride();

  registerServeCommands(program);
  registerUserCommands(program);
  registerUploadCommands(program);
  registerTokenCommands(program);
  registerCodeCommands(program);
  registerEnrollCommands(program);
  registerAuditCommands(program);
  registerClientCommands(program);
  registerUserNameCommands(program);
  registerBackupCommands(program);
  return program;
}

// `oathdesk audit | head` closes the pipe early: stop quietly, as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

const usageText: string[] = [];
const program = buildProgram(usageText);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  const failure = failureOf(error, usageText.join(''));
  if (failure) {
    usageText.length = 0;
    printFailure(failure, isJsonAnywhere(program) || asksForJson(process.argv.slice(2)));
  }
  process.exitCode = failure?.exitCode ?? EXIT.ok;
}
if (usageText.length > 0) process.stderr.write(usageText.join(''));
