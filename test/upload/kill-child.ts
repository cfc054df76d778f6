// Child process of the SIGKILL test: opens the engine on a data directory, imports the users,
// queues the token file and prints each durable progress report as one JSON line.
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';

const [dataDir, usersFile, tokensFile] = process.argv.slice(2) as [string, string, string];
const engine = await Engine.open({ dataDir, logger: silentLogger(), env: {} });
await importUsers(engine.context, usersFile, 'test');
engine.events.on('uploadProgress', (progress) => {
  process.stdout.write(JSON.stringify({ id: progress.id, imported: progress.imported }) + '\n');
});
await engine.uploads.queue(tokensFile, 'test');
await engine.uploads.whenIdle();
await engine.close();
process.stdout.write(JSON.stringify({ done: true }) + '\n');
