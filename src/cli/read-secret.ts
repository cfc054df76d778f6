// Asks for a secret on the terminal without echoing it; reads one line from stdin otherwise.
import fs from 'node:fs';
import { AdminError, EXIT } from '../engine/errors.js';

export function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    // Piped: the first line of standard input, read whole (the pipe is small).
    const text = fs.readFileSync(0, 'utf8');
    return Promise.resolve(text.split(/\r?\n/)[0] ?? '');
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
