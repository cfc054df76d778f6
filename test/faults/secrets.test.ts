// Secrets sweep: oathdesk is given seeds and shared secrets, every command that touches them is
// run, then everything oathdesk wrote (log, audit, failures files, CLI output, the snapshot and
// journal, the backup, the uploads directory) is searched for each secret in every form: Base32
// in either case, hex in either case, and the raw bytes. The one allowed place is the output of
// `enroll`, which shows a software token's secret once, on purpose; it is left out explicitly.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/engine/otp/base32.js';
import {
  oathtool,
  runCli,
  startServer,
  tempDataDir,
  type CliResult,
  type RunningServer,
} from '../support/cli.js';
import { papRequest, radclient } from '../support/radclient.js';

const root = tempDataDir('oathdesk-secrets-');
const dataDir = path.join(root, 'data');
const outDir = path.join(root, 'out');
fs.mkdirSync(dataDir);
fs.mkdirSync(outDir);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Secret {
  label: string;
  bytes: Buffer;
}

/** Every written form of a seed: Base32 both cases, hex both cases, and the raw bytes. */
function needles(secret: Secret): { form: string; bytes: Buffer }[] {
  const base32 = encodeBase32(secret.bytes);
  const hex = secret.bytes.toString('hex');
  return [
    { form: 'Base32', bytes: Buffer.from(base32) },
    { form: 'base32 lower case', bytes: Buffer.from(base32.toLowerCase()) },
    { form: 'hex', bytes: Buffer.from(hex) },
    { form: 'HEX', bytes: Buffer.from(hex.toUpperCase()) },
    { form: 'raw bytes', bytes: secret.bytes },
  ];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

const seed = (label: string, length = 20): Secret => ({ label, bytes: randomBytes(length) });

describe('secrets sweep', () => {
  it('finds no seed or shared secret in anything written but the enrolment', async () => {
    const seeds = {
      ada: seed('ada hardware seed'),
      bo: seed('bo hardware seed', 32),
      inventory: seed('inventory seed'),
      badInterval: seed('seed of a row with a bad interval'),
      badUser: seed('seed of a row for an unknown user'),
      hexRow: seed('seed written as hex in a row'),
      inSerial: seed('seed shifted into the serial column'),
      inUpn: seed('seed shifted into the upn column'),
      hexInSerial: seed('hex seed shifted into the serial column', 10),
    };
    const shared = {
      label: 'RADIUS shared secret',
      bytes: Buffer.from(randomBytes(18).toString('base64')),
    };
    const written: { name: string; bytes: Buffer }[] = [];
    const keep = (name: string, result: CliResult) => {
      written.push({ name: `${name} stdout`, bytes: Buffer.from(result.stdout) });
      written.push({ name: `${name} stderr`, bytes: Buffer.from(result.stderr) });
      return result;
    };
    const cli = async (name: string, args: string[], input?: string) =>
      keep(name, await runCli(dataDir, args, input));

    const b32 = (s: Secret) => encodeBase32(s.bytes);
    fs.writeFileSync(
      path.join(root, 'users.csv'),
      'upn,display name,user type\nada@contoso.com,Ada,member\nbo@contoso.com,Bo,member\n' +
        'cy@contoso.com,Cy,member\n',
    );
    const tokens = path.join(root, 'tokens.csv');
    fs.writeFileSync(
      tokens,
      [
        'upn,serial number,secret key,time interval,manufacturer,model,hash function',
        `ada@contoso.com,S-ADA,${b32(seeds.ada)},30,Feitian,C200,sha1`,
        `bo@contoso.com,S-BO,${b32(seeds.bo).toLowerCase()},30,Feitian,C200,sha256`,
        `,S-INV,${b32(seeds.inventory)},30,Feitian,C200,`,
        `cy@contoso.com,S-BAD1,${b32(seeds.badInterval)},45,Feitian,C200,`,
        `nobody@contoso.com,S-BAD2,${b32(seeds.badUser)},30,Feitian,C200,`,
        `cy@contoso.com,S-BAD3,${seeds.hexRow.bytes.toString('hex')},30,Feitian,C200,`,
        // Columns shifted by one: the seed lands where the failures file echoes a value.
        `,${b32(seeds.inSerial)},S-BAD4,30,Feitian,C200,`,
        `${b32(seeds.inUpn).toLowerCase()},S-BAD5,X,30,Feitian,C200,`,
        `,${seeds.hexInSerial.bytes.toString('hex')},S-BAD6,30,Feitian,C200,`,
      ].join('\n') + '\n',
    );
    const secretFile = path.join(root, 'vpn.secret');
    fs.writeFileSync(secretFile, shared.bytes.toString() + '\n');

    // Without a server: the CLI owns the data directory itself.
    await cli('users import', ['users', 'import', path.join(root, 'users.csv')]);
    const upload = await cli('upload', ['upload', tokens, '--wait', '--json']);
    expect(upload.code, upload.stderr).toBe(3);
    const uploadId = (JSON.parse(upload.stdout) as { id: string }).id;
    await cli('clients add', [
      'clients',
      'add',
      'vpn1',
      '--address',
      '127.0.0.1',
      '--secret-file',
      secretFile,
    ]);

    let server: RunningServer | null = await startServer(dataDir);
    const serverOutput: Buffer[] = [];
    server.child.stderr?.on('data', (chunk: string) => serverOutput.push(Buffer.from(chunk)));
    let enrolment: CliResult | null = null;
    let app: Secret | null = null;
    try {
      const now = Math.floor(Date.now() / 1000);
      await cli('failures', ['failures', uploadId, '-o', outDir]);
      await cli('failures json', ['failures', uploadId, '--json']);
      const ada = await oathtool(b32(seeds.ada), now);
      expect((await cli('activate', ['activate', 'S-ADA', ada])).code).toBe(0);
      await cli('activate bo', ['activate', 'S-BO', await sha256Code(seeds.bo, now)]);
      await cli('verify', ['verify', 'ada@contoso.com', await oathtool(b32(seeds.ada), now + 30)]);
      await cli('verify wrong', ['verify', 'ada@contoso.com', '000000']);

      const secret = shared.bytes.toString();
      const signIn = await radclient(
        server.port,
        secret,
        papRequest('bo@contoso.com', await sha256Code(seeds.bo, now + 30)),
      );
      expect(signIn.code).toBe(0);
      await radclient(server.port, secret, papRequest('bo@contoso.com', '123456'));

      enrolment = await runCli(dataDir, ['enroll', 'cy@contoso.com', '--json']);
      expect(enrolment.code, enrolment.stderr).toBe(0);
      const enrolled = (JSON.parse(enrolment.stdout) as { secretBase32: string }).secretBase32;
      app = { label: 'enrolled app seed', bytes: base32Bytes(enrolled) };
      await cli('enroll confirm', [
        'enroll',
        'confirm',
        'cy@contoso.com',
        await oathtool(enrolled, now),
      ]);

      for (const args of [
        ['audit', '--json'],
        ['audit'],
        ['tokens', '--json'],
        ['token', 'S-ADA', '--json'],
        ['uploads', '--json'],
        ['uploads', 'show', uploadId],
        ['clients', '--json'],
        ['clients'],
        ['methods', 'cy@contoso.com'],
        ['users', '--json'],
      ]) {
        await cli(args.join(' '), args);
      }
      await cli('backup', ['backup', path.join(outDir, 'backup.db')]);
      // The journal as it is while the server runs, before a clean stop folds it away.
      fs.copyFileSync(path.join(dataDir, 'oathdesk.journal'), path.join(outDir, 'running.journal'));
    } finally {
      await server?.stop();
      server = null;
    }
    written.push({ name: 'serve stderr', bytes: Buffer.concat(serverOutput) });

    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
    for (const file of [...filesUnder(dataDir), ...filesUnder(outDir)]) {
      written.push({ name: path.relative(root, file), bytes: fs.readFileSync(file) });
    }

    const found: string[] = [];
    expect(app).not.toBeNull();
    const secrets: Secret[] = [...Object.values(seeds), app as unknown as Secret, shared];
    for (const secret of secrets) {
      const forms = secret === shared ? [{ form: 'text', bytes: shared.bytes }] : needles(secret);
      for (const { form, bytes } of forms) {
        for (const place of written) {
          if (place.bytes.includes(bytes)) found.push(`${secret.label} (${form}) in ${place.name}`);
        }
      }
    }
    console.log(
      `secrets sweep: ${secrets.length} secrets in up to 5 forms, ${written.length} places,` +
        ` ${written.reduce((n, w) => n + w.bytes.length, 0)} bytes`,
    );
    expect(found).toEqual([]);
    // The allowed place does hold the enrolled secret: the sweep would see it there.
    const shown = enrolment as CliResult | null;
    expect(shown?.stdout).toContain(encodeBase32((app as unknown as Secret).bytes));
  }, 120_000);
});

function base32Bytes(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

async function sha256Code(secret: Secret, unixSeconds: number): Promise<string> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) =>
    execFile(
      'oathtool',
      ['--totp=sha256', '-b', '-N', `@${unixSeconds}`, encodeBase32(secret.bytes)],
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    ),
  );
}
