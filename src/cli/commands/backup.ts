// `oathdesk backup FILE` (works while a server runs) and `oathdesk restore FILE` (refuses to
// overwrite a data directory in use).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { assertNoOwner } from '../../app/connect.js';
import { KEY_FILE, SecretBox } from '../../engine/crypto/secret-box.js';
import { AdminError, EXIT } from '../../engine/errors.js';
import { restoreSnapshot } from '../../engine/store/restore.js';
import { isJson, resolveDataDir, withAdmin } from '../context.js';
import { printJson, printLine } from '../output.js';
import { noteServerWrote } from '../server-note.js';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('write a consistent copy of the database (seeds stay encrypted; keep secret.key)')
    .option('--force', 'replace the file if it exists')
    .option('--json', 'print {file, bytes} as JSON')
    .action(async (file: string, options: { force?: boolean }, command: Command) => {
      await withAdmin(command, async (admin, via) => {
        const target = path.resolve(file);
        const { bytes } = await admin.backup(target, Boolean(options.force));
        if (isJson(command)) return printJson({ file: target, bytes });

        printLine(target);
        if (via.isServer) noteServerWrote();
      });
    });

  program
    .command('restore <file>')
    .description('replace the database of a stopped data directory with a backup')
    .option('--json', 'print {file, dataDir, bytes} as JSON')
    .action(async (file: string, _options, command: Command) => {
      const dataDir = resolveDataDir(command);
      assertNoOwner(dataDir);
      const source = path.resolve(file);
      if (!fs.existsSync(source)) {
        throw new AdminError('BACKUP_NOT_FOUND', `no file ${source}`, EXIT.usage);
      }
      const hasKey =
        fs.existsSync(path.join(dataDir, KEY_FILE)) || Boolean(process.env.OATHDESK_KEY);
      if (!hasKey) {
        throw new AdminError(
          'RESTORE_NEEDS_KEY',
          `${dataDir} has no secret.key and OATHDESK_KEY is not set`,
          EXIT.usage,
          'copy the secret.key of the backed-up directory into it first: ' +
            'the seeds in a backup stay sealed with that key',
        );
      }
      const fingerprint = SecretBox.forDirectory(dataDir).fingerprint();
      await restoreSnapshot(dataDir, source, fingerprint);
      if (isJson(command)) {
        printJson({ file: source, dataDir, bytes: fs.statSync(source).size });
      } else printLine(`restored ${source} into ${dataDir}`);
    });
}
