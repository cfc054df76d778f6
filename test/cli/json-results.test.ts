// Every command that changes something prints one JSON object under --json, on stdout, with the
// exit code it has without --json; the text form stays as admins know it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir, type CliResult } from '../support/cli.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let dataDir: string;
let work: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-files-');
  const users = path.join(work, 'users.csv');
  fs.writeFileSync(users, 'upn,display name,user type\nana@example.com,Ana,member\n');
  expect((await runCli(dataDir, ['users', 'import', users])).code).toBe(0);
  const tokens = path.join(work, 'tokens.csv');
  fs.writeFileSync(
    tokens,
    'upn,serial number,secret key,time interval,manufacturer,model\n' +
      `,000201,${SECRET},30,Contoso,HardwareKey\n` +
      `,000202,${SECRET}AB,60,Contoso,HardwareKey\n`,
  );
  expect((await runCli(dataDir, ['upload', tokens, '--wait'])).code).toBe(0);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

/** The one JSON value on stdout, with nothing on stderr and exit 0. */
function jsonResult(result: CliResult): unknown {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** The one JSON error object on stderr, with nothing on stdout. */
function jsonError(result: CliResult): { code: string; message: string; hint: string | null } {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return (JSON.parse(lines[0] ?? '') as { error: { code: string; message: string; hint: null } })
    .error;
}

async function listedToken(serial: string): Promise<unknown> {
  const listed = jsonResult(await runCli(dataDir, ['tokens', '--json'])) as {
    rows: { serial: string }[];
  };
  return listed.rows.find((row) => row.serial === serial);
}

const TOKEN_201 = {
  serial: '000201',
  kind: 'hardware',
  status: 'available',
  isEnabled: true,
  upn: null,
  manufacturer: 'Contoso',
  model: 'HardwareKey',
  intervalSeconds: 30,
  digits: 6,
  algorithm: 'SHA1',
  driftSteps: 0,
  driftSeconds: 0,
  lastUsedAt: null,
};

describe('token lifecycle commands under --json', () => {
  it('assign prints the token after the change, as `tokens --json` lists it', async () => {
    const token = jsonResult(
      await runCli(dataDir, ['assign', ' 000201 ', 'ana@example.com', '--json']),
    );
    expect(token).toEqual({ ...TOKEN_201, status: 'assigned', upn: 'ana@example.com' });
    expect(await listedToken('000201')).toEqual(token);
  });

  it('disable, enable and unassign print the token after each change', async () => {
    const disabled = jsonResult(await runCli(dataDir, ['disable', '000201', '--json']));
    const assigned = { ...TOKEN_201, status: 'assigned', upn: 'ana@example.com' };
    expect(disabled).toEqual({ ...assigned, isEnabled: false });
    expect(await listedToken('000201')).toEqual(disabled);

    const enabled = jsonResult(await runCli(dataDir, ['enable', '000201', '--json']));
    expect(enabled).toEqual(assigned);

    const unassigned = jsonResult(await runCli(dataDir, ['unassign', '000201', '--json']));
    expect(unassigned).toEqual(TOKEN_201);
    expect(await listedToken('000201')).toEqual(TOKEN_201);
  });

  it('keeps the text form without --json', async () => {
    const assign = await runCli(dataDir, ['assign', '000201', 'ana@example.com']);
    expect(assign).toEqual({ code: 0, stdout: 'assigned 000201 to ana@example.com\n', stderr: '' });
    for (const [command, done] of [
      ['disable', 'disabled'],
      ['enable', 'enabled'],
      ['unassign', 'unassigned'],
    ]) {
      const result = await runCli(dataDir, [command ?? '', '000201']);
      expect(result).toEqual({ code: 0, stdout: `${done} 000201\n`, stderr: '' });
    }
  });

  it('delete prints the serial it deleted; again it is TOKEN_NOT_FOUND, exit 1', async () => {
    const deleted = await runCli(dataDir, ['delete', '000202', '--json']);
    expect(deleted.stdout).toBe('{\n  "serial": "000202",\n  "deleted": true\n}\n');
    expect(jsonResult(deleted)).toEqual({ serial: '000202', deleted: true });
    expect(await listedToken('000202')).toBeUndefined();

    const again = await runCli(dataDir, ['delete', '000202', '--json']);
    expect(again.code).toBe(1);
    expect(jsonError(again)).toEqual({
      code: 'TOKEN_NOT_FOUND',
      message: "no token with serial '000202'",
      hint: 'list tokens with `oathdesk tokens`; serials are matched exactly',
    });
  });

  it('refuses an assignment under --json with its code and exit 1', async () => {
    const result = await runCli(dataDir, ['assign', '000201', 'nobody@example.com', '--json']);
    expect(result.code).toBe(1);
    expect(jsonError(result).code).toBe('USER_NOT_FOUND');
  });
});

describe('backup and restore under --json', () => {
  it('backup prints the file and its size; restore prints what went where', async () => {
    const file = path.join(work, 'json-backup.db');
    const backup = jsonResult(await runCli(dataDir, ['backup', file, '--json']));
    expect(backup).toEqual({ file, bytes: fs.statSync(file).size });
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const target = tempDataDir();
    fs.copyFileSync(path.join(dataDir, 'secret.key'), path.join(target, 'secret.key'));
    const restored = jsonResult(await runCli(target, ['restore', file, '--json']));
    expect(restored).toEqual({ file, dataDir: target, bytes: fs.statSync(file).size });
    const tokens = jsonResult(await runCli(target, ['tokens', '--json'])) as { total: number };
    expect(tokens.total).toBe(1);
    fs.rmSync(target, { recursive: true, force: true });
  });

  it('keeps the text form of backup and restore without --json', async () => {
    const file = path.join(work, 'text-backup.db');
    expect(await runCli(dataDir, ['backup', file])).toEqual({
      code: 0,
      stdout: `${file}\n`,
      stderr: '',
    });
    const target = tempDataDir();
    fs.copyFileSync(path.join(dataDir, 'secret.key'), path.join(target, 'secret.key'));
    expect(await runCli(target, ['restore', file])).toEqual({
      code: 0,
      stdout: `restored ${file} into ${target}\n`,
      stderr: '',
    });
    fs.rmSync(target, { recursive: true, force: true });
  });

  it('refuses a restore without a key as one JSON object, exit 2', async () => {
    const target = tempDataDir();
    const result = await runCli(target, ['restore', path.join(work, 'json-backup.db'), '--json']);
    expect(result.code).toBe(2);
    expect(jsonError(result)).toMatchObject({ code: 'RESTORE_NEEDS_KEY' });
    fs.rmSync(target, { recursive: true, force: true });
  });
});

describe('uploads and failures under --json', () => {
  it('uploads delete prints the id it deleted; again it is UPLOAD_NOT_FOUND, exit 1', async () => {
    const file = path.join(work, 'one.csv');
    fs.writeFileSync(
      file,
      'upn,serial number,secret key,time interval,manufacturer,model\n' +
        `,000301,${SECRET},30,Contoso,HardwareKey\n`,
    );
    const upload = jsonResult(await runCli(dataDir, ['upload', file, '--wait', '--json']));
    const { id } = upload as { id: string };

    const deleted = await runCli(dataDir, ['uploads', 'delete', id, '--json']);
    expect(deleted.stdout).toBe(`{\n  "id": "${id}",\n  "deleted": true\n}\n`);
    expect(jsonResult(deleted)).toEqual({ id, deleted: true });

    const again = await runCli(dataDir, ['uploads', 'delete', id, '--json']);
    expect(again.code).toBe(1);
    expect(jsonError(again)).toEqual({
      code: 'UPLOAD_NOT_FOUND',
      message: `no upload '${id}'`,
      hint: 'list uploads with `oathdesk uploads`',
    });
  });

  it('failures of an unknown upload exits 1, as every unknown id or serial does', async () => {
    const expected = {
      code: 'UPLOAD_NOT_FOUND',
      message: "no upload 'nope'",
      hint: 'list uploads with `oathdesk uploads`',
    };
    for (const args of [
      ['failures', 'nope', '--json'],
      ['uploads', 'show', 'nope', '--json'],
    ]) {
      const result = await runCli(dataDir, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(jsonError(result)).toEqual(expected);
    }
    expect(await runCli(dataDir, ['failures', 'nope', '-o', work])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "oathdesk: no upload 'nope' [UPLOAD_NOT_FOUND]\n" +
        '  hint: list uploads with `oathdesk uploads`\n',
    });
  });
});

describe('clients remove under --json', () => {
  it('prints the name it removed; an unknown name is CLIENT_NOT_FOUND, exit 1', async () => {
    const args = ['clients', 'add', 'gone-nas', '--address', '192.0.2.9', '--secret-file', '-'];
    expect((await runCli(dataDir, args, 'a-long-shared-secret\n')).code).toBe(0);

    const removed = await runCli(dataDir, ['clients', 'remove', 'gone-nas', '--json']);
    expect(removed.stdout).toBe('{\n  "name": "gone-nas",\n  "removed": true\n}\n');
    expect(jsonResult(removed)).toEqual({ name: 'gone-nas', removed: true });

    const again = await runCli(dataDir, ['clients', 'remove', 'gone-nas', '--json']);
    expect(again.code).toBe(1);
    expect(jsonError(again)).toMatchObject({ code: 'CLIENT_NOT_FOUND' });
  });
});

describe('users import under --json', () => {
  const lines = [
    'upn,display name,user type,enabled',
    'bo@example.com,Bo,member,',
    ',Nobody,member,',
    'not-a-upn,Not,member,',
    'CONTOSO\\karl,Karl,member,',
    'bo@example.com,Bo again,member,',
    'cy@example.com,,member,',
    'dee@example.com,Dee,admin,',
    'eve@example.com,Eve,member,maybe',
    'fay@example.com,Fay',
  ];

  it('gives every failed line a stable code and a hint, and exits 3', async () => {
    const file = path.join(work, 'bad-users.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const result = await runCli(dataDir, ['users', 'import', file, '--json']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('');
    const upnHint = 'write the user principal name: name@domain';
    expect(JSON.parse(result.stdout)).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      failures: [
        { line: 3, code: 'UPN_MISSING', reason: 'upn is empty', hint: 'every user needs a UPN' },
        {
          line: 4,
          code: 'UPN_INVALID',
          reason: "'not-a-upn' is not a UPN (name@domain)",
          hint: upnHint,
        },
        {
          line: 5,
          code: 'UPN_DOMAIN_FORM',
          reason: "'CONTOSO\\karl' is a DOMAIN\\name logon, not a UPN",
          hint: upnHint,
        },
        {
          line: 6,
          code: 'USER_DUPLICATE_IN_FILE',
          reason: "user 'bo@example.com' is already on line 2 of this file",
          hint: 'keep one line per user',
        },
        {
          line: 7,
          code: 'DISPLAY_NAME_MISSING',
          reason: "display name of 'cy@example.com' is empty",
          hint: 'fill it in',
        },
        {
          line: 8,
          code: 'USER_TYPE_INVALID',
          reason: "user type 'admin' is not member or guest",
          hint: 'write member or guest',
        },
        {
          line: 9,
          code: 'ENABLED_INVALID',
          reason: "enabled 'maybe' is not true or false",
          hint:
            'write true or false (yes, no, 1 and 0 are read too);' +
            ' empty keeps a known user as is',
        },
        {
          line: 10,
          code: 'ROW_FIELD_COUNT',
          reason: 'the row has 2 field(s) but the header has 4',
          hint: 'a quote may be missing around a value that contains the delimiter',
        },
      ],
    });
  });

  it('keeps the text form: counts, then each failed line with its reason', async () => {
    const file = path.join(work, 'bad-users-text.csv');
    fs.writeFileSync(file, lines.slice(0, 4).join('\n') + '\n');
    expect(await runCli(dataDir, ['users', 'import', file])).toEqual({
      code: 3,
      stdout:
        'added 0, updated 0, unchanged 1, failed 2\n' +
        '  line 3: upn is empty\n' +
        "  line 4: 'not-a-upn' is not a UPN (name@domain)\n",
      stderr: '',
    });
  });
});

describe('serve under --json', () => {
  it('refuses --json as a USAGE error saying why, before touching the data directory', async () => {
    const unused = path.join(work, 'never-created');
    const json = await runCli(unused, ['serve', '--json']);
    expect(json.code).toBe(2);
    expect(jsonError(json)).toEqual({
      code: 'USAGE',
      message:
        'serve does not take --json: it prints no result, and its log on stderr is JSON lines ' +
        'already',
      hint: 'run `oathdesk serve` without --json and read its stderr as JSON lines',
    });

    // Refused whatever else is given, before --listen is even read.
    const withListen = await runCli(unused, ['serve', '--listen', 'bogus', '--json']);
    expect(withListen.code).toBe(2);
    expect(jsonError(withListen)).toEqual(jsonError(json));
    expect(fs.existsSync(unused)).toBe(false);
  });
});

describe('the same JSON through a running server', () => {
  it('answers lifecycle, backup and uploads delete over the control socket alike', async () => {
    const server = await startServer(dataDir);
    try {
      const disabled = jsonResult(await runCli(dataDir, ['disable', '000201', '--json']));
      expect(disabled).toEqual({ ...TOKEN_201, isEnabled: false });
      const enabled = jsonResult(await runCli(dataDir, ['enable', '000201', '--json']));
      expect(enabled).toEqual(TOKEN_201);

      const file = path.join(work, 'served-backup.db');
      const backup = jsonResult(await runCli(dataDir, ['backup', file, '--json']));
      expect(backup).toEqual({ file, bytes: fs.statSync(file).size });

      const missing = await runCli(dataDir, ['uploads', 'delete', 'nope', '--json']);
      expect(missing.code).toBe(1);
      expect(jsonError(missing).code).toBe('UPLOAD_NOT_FOUND');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
