// The command line as an admin uses it when no server runs: each command owns the data directory
// for its duration.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oathtool, runCli, tempDataDir } from '../support/cli.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let dataDir: string;
let work: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-files-');
  fs.writeFileSync(
    path.join(work, 'users.csv'),
    'upn,display name,user type\nana@example.com,Ana,member\nguest@example.com,Guest,guest\n',
  );
  fs.writeFileSync(
    path.join(work, 'tokens.csv'),
    'upn,serial number,secret key,time interval,manufacturer,model\n' +
      `ana@example.com,000123,${SECRET},30,Contoso,HardwareKey\n` +
      `guest@example.com,000124,${SECRET}AB,30,Contoso,HardwareKey\n` +
      `nobody@example.com,000125,${SECRET}CD,30,Contoso,HardwareKey\n` +
      `,000126,${SECRET}EF,30,Contoso,HardwareKey\n`,
  );
  expect((await runCli(dataDir, ['users', 'import', path.join(work, 'users.csv')])).code).toBe(0);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('oathdesk CLI without a server', () => {
  it('writes the failures of an upload that failed as a whole after a failed row', async () => {
    const file = path.join(work, 'broken.csv');
    fs.writeFileSync(
      file,
      'upn,serial number,secret key,time interval,manufacturer,model\n' +
        'ana@example.com,B1,NOTBASE32!!,30,Contoso,T1\n' +
        ',"B2,JBSWY3DPEHPK3PXP,30,Contoso,T1\n',
    );
    const upload = await runCli(dataDir, ['upload', file, '--wait', '--json']);
    const { id, status } = JSON.parse(upload.stdout) as { id: string; status: string };
    expect(status).toBe('failed');

    const out = tempDataDir('oathdesk-failures-');
    const written = await runCli(dataDir, ['failures', id, '-o', out]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('then failed as a whole: FILE_MALFORMED');
    const csv = fs.readFileSync(path.join(out, 'Failures_broken.csv'), 'utf8');
    expect(csv).toContain('2,ana@example.com,B1,SECRET_BAD_CHAR');
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('refuses failures of an upload failed before any row, with or without --json', async () => {
    const file = path.join(work, 'no-secret-column.csv');
    fs.writeFileSync(file, 'upn,serial number,time interval\nana@example.com,C1,30\n');
    const upload = await runCli(dataDir, ['upload', file, '--wait', '--json']);
    const { id } = JSON.parse(upload.stdout) as { id: string };

    const text = await runCli(dataDir, ['failures', id, '-o', work]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('[UPLOAD_FAILED]');
    const json = await runCli(dataDir, ['failures', id, '--json']);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
    const error = JSON.parse(json.stderr) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('UPLOAD_FAILED');
    expect(error.error.message).toContain('FILE_MISSING_COLUMN');
  });

  it('names the rows done by an upload that failed as a whole, none failed', async () => {
    const file = path.join(work, 'late-quote.csv');
    fs.writeFileSync(
      file,
      'upn,serial number,secret key,time interval,manufacturer,model\n' +
        `,D1,${SECRET},30,Contoso,T1\n` +
        ',"D2,JBSWY3DPEHPK3PXP,30,Contoso,T1\n',
    );
    const own = tempDataDir('oathdesk-late-quote-');
    const upload = await runCli(own, ['upload', file, '--wait', '--json']);
    const { id, rows, imported } = JSON.parse(upload.stdout) as Record<string, unknown>;
    expect({ rows, imported }).toEqual({ rows: 1, imported: 1 });

    const text = await runCli(own, ['failures', id as string, '-o', work]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('failed as a whole, after 1 row(s), none of them failed:');
    expect(text.stderr).not.toContain('before any row');
    fs.rmSync(own, { recursive: true, force: true });
  });

  it('lists imported users as JSON', async () => {
    const result = await runCli(dataDir, ['users', '--json']);
    expect(result.code).toBe(0);
    const users = JSON.parse(result.stdout) as { upn: string; userType: string }[];
    expect(users.map((user) => user.upn)).toEqual(['ana@example.com', 'guest@example.com']);
  });

  it('uploads with --wait, exits 3 for failed rows and writes a failures file', async () => {
    const upload = await runCli(dataDir, [
      'upload',
      path.join(work, 'tokens.csv'),
      '--wait',
      '--json',
    ]);
    expect(upload.code).toBe(3);
    const summary = JSON.parse(upload.stdout) as { id: string; imported: number; failed: number };
    expect(summary).toMatchObject({ imported: 2, failed: 2 });

    const failures = await runCli(dataDir, ['failures', summary.id, '-o', work]);
    expect(failures.code).toBe(0);
    const file = failures.stdout.trim();
    expect(path.basename(file)).toBe('Failures_tokens.csv');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.trim().split(/\r?\n/)).toHaveLength(3);
    expect(text).toContain('000124');
    expect(text).not.toContain(SECRET);
  });

  it('keeps the serial as text with its leading zeros', async () => {
    const result = await runCli(dataDir, ['token', '000123', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ serial: '000123', status: 'assigned' });
  });

  it('activates with a code from oathtool, then verifies and refuses the replay', async () => {
    const code = await oathtool(SECRET);
    const activate = await runCli(dataDir, ['activate', '000123', code]);
    expect(activate.stdout).toContain('activated 000123');
    expect(activate.code).toBe(0);

    // The activation spent this step; the next sign-in needs the next code.
    const again = await runCli(dataDir, ['verify', 'ana@example.com', code]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/refused: .*\[(REPLAY|STALE_CODE)\]/);
  });

  it('refuses a wrong code with exit 1 and the precise reason', async () => {
    const code = await oathtool(SECRET);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const result = await runCli(dataDir, ['verify', 'ANA@example.com', wrong]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[WRONG_CODE]');
  });

  it('refuses assigning a token to a guest, naming the rule', async () => {
    const held = await runCli(dataDir, ['assign', '000123', 'guest@example.com']);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('[TOKEN_HELD]');

    const inventory = await runCli(dataDir, ['assign', '000126', 'guest@example.com']);
    expect(inventory.code).toBe(1);
    expect(inventory.stderr).toMatch(/guest/i);
    expect((await runCli(dataDir, ['assign', '000126', 'ana@example.com'])).code).toBe(0);
  });

  it('answers bad usage with exit 2', async () => {
    const result = await runCli(dataDir, ['activate']);
    expect(result.code).toBe(2);
  });

  it('refuses a file that cannot be processed with exit 2 and a structural reason', async () => {
    const junk = path.join(work, 'junk.csv');
    fs.writeFileSync(junk, 'this is not a token file\njust words\n');
    const result = await runCli(dataDir, ['upload', junk, '--wait']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('failed');
  });

  it('writes a backup and restores it into a stopped data directory', async () => {
    const backup = path.join(work, 'backup.db');
    expect((await runCli(dataDir, ['backup', backup])).code).toBe(0);

    const restored = tempDataDir();
    fs.copyFileSync(path.join(dataDir, 'secret.key'), path.join(restored, 'secret.key'));
    expect((await runCli(restored, ['restore', backup])).code).toBe(0);
    const tokens = await runCli(restored, ['tokens', '--json']);
    expect(JSON.parse(tokens.stdout).total).toBe(2);
    fs.rmSync(restored, { recursive: true, force: true });
  });

  it('refuses a data directory that does not exist for a command that only reads', async () => {
    const result = await runCli(path.join(work, 'typo'), ['tokens']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('[DATA_DIR_MISSING]');
    expect(fs.existsSync(path.join(work, 'typo'))).toBe(false);
  });

  it('answers a file it cannot write with exit 2 and the path, not an internal error', async () => {
    const result = await runCli(dataDir, ['backup', path.join(work, 'missing', 'b.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot open ${path.join(work, 'missing', 'b.db')}: ENOENT`);
  });

  it('reads a piped shared secret from standard input', async () => {
    const added = await runCli(
      dataDir,
      ['clients', 'add', 'piped', '--address', '192.0.2.7'],
      'piped-secret-value\n',
    );
    expect(added.code).toBe(0);
  });

  it('prints the added client as `clients --json` lists it, without the secret', async () => {
    const secret = 'json-client-secret-value';
    const args = ['clients', 'add', 'json-nas', '--address', '192.0.2.8', '--json'];
    const added = await runCli(dataDir, args, `${secret}\n`);
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain(secret);
    const client = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(client).toMatchObject({
      name: 'json-nas',
      address: '192.0.2.8',
      messageAuthenticator: 'require',
    });

    const listed = await runCli(dataDir, ['clients', '--json']);
    const entry = (JSON.parse(listed.stdout) as Record<string, unknown>[]).find(
      (item) => item.name === 'json-nas',
    );
    // The same fields, figures included, not a subset.
    expect(Object.keys(client).sort()).toEqual(Object.keys(entry ?? {}).sort());
    expect(client).toMatchObject({ requests: 0, accepts: 0, lastSeenAt: null });
    expect(entry).toMatchObject(client);
  });

  it('refuses a default domain that is not a domain name', async () => {
    const result = await runCli(dataDir, ['usernames', '--default-domain', 'not a domain!']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[MAPPING_INVALID]');
  });

  it('stores an alias suffix without its @, refuses a NetBIOS name with a space', async () => {
    const own = tempDataDir('oathdesk-usernames-');
    const alias = await runCli(own, ['usernames', '--alias', '@X.com=contoso.com', '--json']);
    expect(alias.code).toBe(0);
    expect(JSON.parse(alias.stdout)).toEqual({
      defaultDomain: null,
      netbios: {},
      suffixAliases: { 'x.com': 'contoso.com' },
    });

    const spaced = await runCli(own, ['usernames', '--netbios', 'BAD NAME=contoso.com']);
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain("--netbios name 'BAD NAME' is not a NetBIOS domain name");

    await runCli(own, ['usernames', '--netbios', 'contoso=contoso.com']);
    const recased = await runCli(own, ['usernames', '--netbios', 'Contoso=fabrikam.com', '--json']);
    expect(JSON.parse(recased.stdout).netbios).toEqual({ CONTOSO: 'fabrikam.com' });

    const cleared = await runCli(own, ['usernames', '--clear', '--json']);
    expect(JSON.parse(cleared.stdout)).toEqual({
      defaultDomain: null,
      netbios: {},
      suffixAliases: {},
    });
    fs.rmSync(own, { recursive: true, force: true });
  });

  it('prints users import results as JSON when asked', async () => {
    const result = await runCli(dataDir, [
      'users',
      'import',
      path.join(work, 'users.csv'),
      '--json',
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ unchanged: 2, failures: [] });
  });

  it('refuses to open the TUI without a terminal, saying why', async () => {
    const result = await runCli(dataDir, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[NO_TERMINAL]');
  });

  it('finds sign-in refusals in the audit by their stable code and the name asked', async () => {
    const wrong = await runCli(dataDir, ['audit', '--filter', 'WRONG_CODE', '--json']);
    expect(JSON.parse(wrong.stdout).length).toBeGreaterThan(0);

    await runCli(dataDir, ['verify', 'ghost@example.com', '123456']);
    const ghost = await runCli(dataDir, ['audit', '--user', 'ghost@example.com', '--json']);
    expect(JSON.parse(ghost.stdout)[0].reason).toMatch(/^USER_UNKNOWN: /);
  });

  it('filters tokens by manufacturer too', async () => {
    const result = await runCli(dataDir, ['tokens', '--filter', 'contoso', '--json']);
    expect(JSON.parse(result.stdout).total).toBeGreaterThan(0);
  });

  it('refuses a backup inside the data directory, onto a directory or over a file', async () => {
    const key = path.join(dataDir, 'secret.key');
    const before = fs.readFileSync(key, 'utf8');
    const inside = await runCli(dataDir, ['backup', key]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('[BACKUP_TARGET_INVALID]');
    expect(fs.readFileSync(key, 'utf8')).toBe(before);

    expect((await runCli(dataDir, ['backup', work])).stderr).toContain('[BACKUP_TARGET_INVALID]');
    const file = path.join(work, 'twice.db');
    expect((await runCli(dataDir, ['backup', file])).code).toBe(0);
    expect((await runCli(dataDir, ['backup', file])).stderr).toContain('[BACKUP_TARGET_EXISTS]');
    expect((await runCli(dataDir, ['backup', file, '--force'])).code).toBe(0);
  });

  it('refuses a backup sealed with another key: exit 4, nothing changed', async () => {
    const file = path.join(work, 'other-key.db');
    expect((await runCli(dataDir, ['backup', file])).code).toBe(0);
    const target = tempDataDir();
    fs.writeFileSync(path.join(target, 'secret.key'), 'ab'.repeat(32) + '\n');

    const result = await runCli(target, ['restore', file]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('[KEY_MISMATCH]');
    expect(fs.existsSync(path.join(target, 'oathdesk.db'))).toBe(false);
    fs.rmSync(target, { recursive: true, force: true });
  });
});
