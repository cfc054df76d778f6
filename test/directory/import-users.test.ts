import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { importUsers } from '../../src/engine/directory/import-users.js';
import { Engine } from '../../src/engine/engine.js';
import { silentLogger } from '../../src/engine/logger.js';

const SAMPLE_USERS = path.resolve(import.meta.dirname, '../../samples/users.csv');
let dir: string;
let engine: Engine;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oathdesk-users-'));
  engine = await Engine.open({
    dataDir: path.join(dir, 'data'),
    clock: new ManualClock(1_735_689_600_000),
    logger: silentLogger(),
    env: {},
  });
});
afterEach(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(text: string | Buffer): string {
  const name = path.join(dir, `users-${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(name, text);
  return name;
}

describe('importUsers', () => {
  it('imports the sample users, then reports them unchanged on a second import', async () => {
    const first = await importUsers(engine.context, SAMPLE_USERS, 'test');
    expect(first).toMatchObject({ added: 9, updated: 0, unchanged: 0, failures: [] });
    expect(engine.directory.find('HELGA@contoso.com')).toMatchObject({ userType: 'member' });
    expect(engine.directory.find('olaf@contoso.com')?.isEnabled).toBe(false);
    expect(engine.directory.find('juergen.mueller@fabrikam.com')?.displayName).toBe(
      'Jürgen Müller',
    );

    const again = await importUsers(engine.context, SAMPLE_USERS, 'test');
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 9 });
    expect(engine.directory.count()).toBe(9);
  });

  it('updates a known UPN matched case-insensitively instead of adding it twice', async () => {
    await importUsers(engine.context, file('upn,display name,user type\na@x.com,A,member\n'), 't');
    const result = await importUsers(
      engine.context,
      file('UPN,Display Name,User Type,Enabled\nA@X.com,Anna,Member,false\n'),
      't',
    );
    expect(result).toMatchObject({ added: 0, updated: 1 });
    expect(engine.directory.find('a@x.com')).toMatchObject({
      displayName: 'Anna',
      isEnabled: false,
    });
  });

  it('leaves a disabled user disabled when the file has no enabled column', async () => {
    await importUsers(engine.context, SAMPLE_USERS, 't');
    expect(engine.directory.find('olaf@contoso.com')?.isEnabled).toBe(false);

    const result = await importUsers(
      engine.context,
      file(
        'upn,display name,user type\nolaf@contoso.com,Olaf Renamed,member\nnew@x.com,N,member\n',
      ),
      't',
    );
    expect(result).toMatchObject({ added: 1, updated: 1 });
    expect(engine.directory.find('olaf@contoso.com')).toMatchObject({
      displayName: 'Olaf Renamed',
      isEnabled: false,
    });
    expect(engine.directory.find('new@x.com')?.isEnabled).toBe(true);

    // A blank cell says nothing either; an explicit true enables.
    await importUsers(
      engine.context,
      file('upn,display name,user type,enabled\nolaf@contoso.com,O,member,\n'),
      't',
    );
    expect(engine.directory.find('olaf@contoso.com')?.isEnabled).toBe(false);
    await importUsers(
      engine.context,
      file(
        'upn,display name,user type,enabled\nolaf@contoso.com,O,member,yes\nb@x.com,B,member,\n',
      ),
      't',
    );
    expect(engine.directory.find('olaf@contoso.com')?.isEnabled).toBe(true);
    expect(engine.directory.find('b@x.com')?.isEnabled).toBe(true);
  });

  it('refuses a UPN with a control character, naming it escaped', async () => {
    const result = await importUsers(
      engine.context,
      file('upn,display name,user type\nx\u001b[31m@contoso.com,X,member\n'),
      't',
    );
    expect(result.added).toBe(0);
    expect(result.failures).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'UPN_INVALID',
        reason: "'x\\u001B[31m@contoso.com' contains control character U+001B, which a UPN may not",
      }),
    ]);
  });

  it('reads a semicolon file with a byte order mark', async () => {
    const text = '\uFEFFupn;display name;user type\r\nb@x.com;"Berg; Ingrid";guest\r\n';
    const result = await importUsers(engine.context, file(text), 't');
    expect(result.added).toBe(1);
    expect(engine.directory.find('b@x.com')).toMatchObject({
      displayName: 'Berg; Ingrid',
      userType: 'guest',
    });
  });

  it('gives each bad line its own code, reason and hint and imports the others', async () => {
    const text = [
      'upn,display name,user type,enabled',
      'ok@x.com,Ok,member,',
      'CONTOSO\\karl,Karl,member,true',
      'c@x.com,C,admin,true',
      'ok@x.com,Again,member,true',
      'd@x.com,,member,true',
      'e@x.com,E,member,maybe',
      'f@x.com,F,member',
    ].join('\n');
    const result = await importUsers(engine.context, file(text), 't');
    expect(result.added).toBe(1);
    expect(result.failures).toEqual([
      {
        line: 3,
        code: 'UPN_DOMAIN_FORM',
        reason: "'CONTOSO\\karl' is a DOMAIN\\name logon, not a UPN",
        hint: 'write the user principal name: name@domain',
      },
      {
        line: 4,
        code: 'USER_TYPE_INVALID',
        reason: "user type 'admin' is not member or guest",
        hint: 'write member or guest',
      },
      {
        line: 5,
        code: 'USER_DUPLICATE_IN_FILE',
        reason: "user 'ok@x.com' is already on line 2 of this file",
        hint: 'keep one line per user',
      },
      {
        line: 6,
        code: 'DISPLAY_NAME_MISSING',
        reason: "display name of 'd@x.com' is empty",
        hint: 'fill it in',
      },
      {
        line: 7,
        code: 'ENABLED_INVALID',
        reason: "enabled 'maybe' is not true or false",
        hint: 'write true or false (yes, no, 1 and 0 are read too); empty keeps a known user as is',
      },
      {
        line: 8,
        code: 'ROW_FIELD_COUNT',
        reason: 'the row has 3 field(s) but the header has 4',
        hint: 'a quote may be missing around a value that contains the delimiter',
      },
    ]);
  });

  it('refuses a file without the user type column, naming it', async () => {
    await expect(
      importUsers(engine.context, file('upn,display name\na@x.com,A\n'), 't'),
    ).rejects.toMatchObject({ code: 'FILE_MISSING_COLUMN', exitCode: 2 });
  });
});
