// Text from outside (a CSV cell, an uploaded file's name) printed by the real CLI: its control
// characters are shown as escapes, so that an ESC or BEL in it cannot steer the admin's terminal
// and a line break cannot split a table row. JSON keeps the exact value.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const MANUFACTURER = '\x1b]0;vendor\x07Acme';
const FILE_NAME = 'evil\x1b[2J\nname.csv';
let dataDir: string;
let work: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-files-');
  const file = path.join(work, FILE_NAME);
  fs.writeFileSync(
    file,
    'upn,serial number,secret key,time interval,manufacturer,model\n' +
      `,ESC-1,${SECRET},30,${MANUFACTURER},K1\n`,
  );
  const upload = await runCli(dataDir, ['upload', file, '--wait']);
  expect(upload.code, upload.stderr).toBe(0);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

/** The ESC and BEL bytes in the output: none may get through to the terminal. */
function rawControls(output: string): string[] {
  return [...output].filter((char) => char === '\x1b' || char === '\x07');
}

describe('control characters in text output', () => {
  it('tokens shows the manufacturer escaped, and --json keeps it exact', async () => {
    const text = await runCli(dataDir, ['tokens']);

    expect(rawControls(text.stdout)).toEqual([]);
    expect(text.stdout).toContain('\\u001B]0;vendor\\u0007Acme K1');
    const json = JSON.parse((await runCli(dataDir, ['tokens', '--json'])).stdout) as {
      rows: { manufacturer: string }[];
    };
    expect(json.rows.map((row) => row.manufacturer)).toEqual([MANUFACTURER]);
  });

  it('token SERIAL shows the manufacturer escaped', async () => {
    const text = await runCli(dataDir, ['token', 'ESC-1']);

    expect(rawControls(text.stdout)).toEqual([]);
    expect(text.stdout).toContain('model         \\u001B]0;vendor\\u0007Acme K1\n');
  });

  it('audit and uploads show the file name escaped, one line per entry', async () => {
    const audit = await runCli(dataDir, ['audit']);
    const uploads = await runCli(dataDir, ['uploads']);

    for (const output of [audit.stdout, uploads.stdout]) {
      expect(rawControls(output)).toEqual([]);
      expect(output).toContain('evil\\u001B[2J\\nname.csv');
    }
    // A header and the upload; the queue and the finish in the audit trail.
    expect(uploads.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(audit.stdout.trimEnd().split('\n')).toHaveLength(3);
  });
});
