// Asks for a secret on the terminal without echoing it; reads one line from stdin otherwise.
import readline from 'node:readline';
import { AdminError, EXIT } from '../engine/errors.js';

export function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve) => {
      const lines = readline.createInterface({ input });
      lines.once('line', (line) => {
        lines.close();
        resolve(line);
      });
      lines.once('close', () => resolve(''));
    });
  }

  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let secret = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(() => resolve(secret));
        if (char === '\u0003') {
          return finish(() => reject(new AdminError('CANCELLED', 'cancelled', EXIT.usage)));
        }
        if (char === '\u007f') secret = secret.slice(0, -1);
        else secret += char;
      }
    };
    const finish = (done: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      done();
    };
    input.on('data', onData);
  });
}
