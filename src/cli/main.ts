// The `oathdesk` command line. With no command it opens the TUI with the RADIUS server embedded.
import { Command, CommanderError } from 'commander';
import { AdminError, EXIT, errorMessage } from '../engine/errors.js';
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

function buildProgram(): Command {
  const program = new Command('oathdesk')
    .description('OATH TOTP tokens for a user directory: TUI, RADIUS server and CLI')
    .option('--data <dir>', 'data directory (default: $OATHDESK_DATA, else ./data)')
    .showHelpAfterError()
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

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander printed its message already; help and version are not failures.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
    // A file the admin named cannot be read or written: their input, not our bug.
    const where = errno.path ? ` ${errno.path}` : '';
    process.stderr.write(`oathdesk: cannot ${errno.syscall}${where}: ${errno.code}\n`);
    return EXIT.usage;
  }
  if (error instanceof AdminError) {
    process.stderr.write(`oathdesk: ${error.message} [${error.code}]\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  process.stderr.write(`oathdesk: internal error: ${errorMessage(error)}\n`);
  return EXIT.internal;
}

// `oathdesk audit | head` closes the pipe early: stop quietly, as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}
