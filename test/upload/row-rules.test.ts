import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { UploadFailure } from '../../src/engine/types.js';
import { csvFile, openTenant, removeTempDirs, tempDir, token, upload } from './tenant.js';

const HEADER = 'upn,serial number,secret key,time interval,manufacturer,model';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTHER_SEED = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

let engine: Engine;
beforeEach(async () => {
  engine = await openTenant();
});
afterEach(async () => {
  await engine.close();
  removeTempDirs();
});

async function rows(lines: string[], header = HEADER) {
  const summary = await upload(engine, csvFile([header, ...lines].join('\n')));
  const failures = engine.uploads.failures(summary.id);
  const byLine = (line: number): UploadFailure | undefined =>
    failures.find((failure) => failure.line === line);
  return { summary, failures, byLine };
}

describe('rules for a row', () => {
  it('keeps leading zeros of a serial and refuses one in exponent form', async () => {
    const { byLine } = await rows([
      `helga@contoso.com,0012345,${SEED},30,Token2,C202`,
      `ingrid@contoso.com,2.60012E+12,${OTHER_SEED},30,Token2,C202`,
    ]);
    expect(token(engine, '0012345')?.upn).toBe('helga@contoso.com');
    expect(byLine(3)).toMatchObject({ code: 'SERIAL_EXPONENT', serial: '2.60012E+12' });
    expect(byLine(3)?.hint).toMatch(/Text/);
  });

  it('refuses a serial another user holds, naming that user', async () => {
    const { byLine } = await rows([`helga@contoso.com,60234599,${SEED},30,Token2,C202`]);
    expect(byLine(2)?.code).toBe('SERIAL_HELD');
    expect(byLine(2)?.reason).toContain("user 'karl@contoso.com'");
  });

  it('reports the same serial, secret and user again as unchanged, never duplicated', async () => {
    const line = `helga@contoso.com,20000001,${SEED},30,Token2,C202`;
    await rows([line]);
    const { summary } = await rows([
      line.replace('helga@', 'HELGA@').replace(SEED, SEED.toLowerCase()),
    ]);
    expect(summary).toMatchObject({ status: 'completed', imported: 0, unchanged: 1 });
    const count = engine.store.get<{ n: number }>(
      "SELECT count(*) AS n FROM tokens WHERE serial = '20000001'",
    );
    expect(count?.n).toBe(1);
  });

  it('refuses the same serial for the same user with another secret', async () => {
    await rows([`helga@contoso.com,20000001,${SEED},30,Token2,C202`]);
    const { byLine } = await rows([`helga@contoso.com,20000001,${OTHER_SEED},30,Token2,C202`]);
    expect(byLine(2)?.code).toBe('SERIAL_SECRET_MISMATCH');
    expect(JSON.stringify(byLine(2))).not.toContain(OTHER_SEED);
  });

  it("counts the user's existing methods and earlier rows against the limit of five", async () => {
    // Jonas already holds four methods (c00); his second token in this file is the sixth.
    const { byLine, summary } = await rows([
      `jonas@contoso.com,20000001,${SEED},30,Token2,C202`,
      `jonas@contoso.com,20000002,${OTHER_SEED},30,Token2,C202`,
    ]);
    expect(summary.imported).toBe(1);
    expect(byLine(3)?.code).toBe('USER_METHOD_LIMIT');
    expect(byLine(3)?.reason).toContain("'jonas@contoso.com' already has 5 OATH methods");
  });

  it('refuses a disabled user and puts a token without a UPN into inventory', async () => {
    await engine.store.write((tx) =>
      tx.run("UPDATE users SET enabled = 0 WHERE upn_key = 'lena@contoso.com'"),
    );
    const { byLine } = await rows([
      `lena@contoso.com,20000001,${SEED},30,Token2,C202`,
      `,20000002,${OTHER_SEED},30,Token2,C202`,
    ]);
    expect(byLine(2)?.code).toBe('USER_DISABLED');
    expect(token(engine, '20000002')).toMatchObject({ status: 'available', upn: null });
  });

  it('names a bad secret character and its position, and refuses a too short key', async () => {
    const { byLine } = await rows([
      `helga@contoso.com,20000001,JBSWY3DP!HPK3PXP,30,Token2,C202`,
      `ingrid@contoso.com,20000002,JBSWY3DPEH,30,Token2,C202`,
    ]);
    expect(byLine(2)?.reason).toContain('"!" at position 9');
    expect(byLine(3)?.code).toBe('SECRET_TOO_SHORT');
  });

  it('refuses an over-long Base32 secret naming its length instead of dropping bits', async () => {
    const { byLine, summary } = await rows([
      `helga@contoso.com,20000001,JBSWY3DPEHPK3PXPA,30,Token2,C202`,
      `ingrid@contoso.com,20000002,JBSWY3DPEHPK3PXPJBSWY3,30,Token2,C202`,
      `karl@contoso.com,20000003,JBSWY3DPEHPK3PXPJB,30,Token2,C202`,
    ]);
    expect(byLine(2)).toMatchObject({ code: 'SECRET_BAD_LENGTH' });
    expect(byLine(2)?.reason).toBe(
      'secret key has 17 characters, a length no Base32 key has: its last 5 bits make no' +
        ' whole byte',
    );
    expect(byLine(3)?.reason).toContain('secret key has 22 characters, a length no Base32 key');
    // 18 characters leave 2 spare bits, set here; oathtool and Entra's own example ignore them.
    expect(summary.imported).toBe(1);
    expect(token(engine, '20000001')).toBeUndefined();
    expect(token(engine, '20000003')?.keyHex).toBe('48656c6c6f21deadbeef48');
  });

  it('accepts dashes between groups of a secret as it accepts spaces', async () => {
    const { summary } = await rows([
      `helga@contoso.com,20000001,JBSWY3DP-EHPK-3PXP,30,Token2,C202`,
      `helga@contoso.com,20000002,JBSWY3DPEHPK3PXP,30,Token2,C202`,
    ]);
    expect(summary.imported).toBe(2);
    expect(engine.uploads.failures(summary.id)).toEqual([]);
    expect(token(engine, '20000001')?.keyHex).toBe('48656c6c6f21deadbeef');
    expect(summary.warnings.join('\n')).toContain('has the same secret key as line 2');
  });

  it('says the columns may be swapped, not that 30 is a hex seed', async () => {
    const { byLine } = await rows([
      `helga@contoso.com,20000001,30,${SEED},Token2,C202`,
      `helga@contoso.com,20000002,0123456789abcdef0123,30,Token2,C202`,
      `helga@contoso.com,20000003,0123,30,Token2,C202`,
    ]);
    expect(byLine(2)).toMatchObject({ code: 'SECRET_BAD_CHAR' });
    expect(byLine(2)?.hint).toBe(
      "'30' is a time interval: the secret key and time interval columns may be swapped",
    );
    expect(byLine(3)?.hint).toMatch(/^it looks like a hex seed \(20 hex digits = 10 bytes\)/);
    expect(byLine(4)?.hint).toBe('');
  });

  it('hides a seed shifted into the serial or UPN column in every failure field', async () => {
    const hidden = 'KRSX... (looks like a secret, hidden)';
    const { byLine, summary } = await rows([
      `,${OTHER_SEED},S2,30,Token2,C202`,
      `${OTHER_SEED},S3,X,30,Token2,C202`,
      `,2a3b 4c5d 6e7f-2a3b 4c5d,S4,30,Token2,C202`,
      `,12345678901234567890,JBSWY3DP!,30,Token2,C202`,
    ]);
    expect(byLine(2)).toMatchObject({ code: 'SECRET_TOO_SHORT', serial: hidden });
    expect(byLine(3)).toMatchObject({ code: 'UPN_INVALID', upn: hidden });
    expect(byLine(3)?.reason).toBe(`'${hidden}' is not a UPN (name@domain)`);
    expect(byLine(4)?.serial).toBe('2a3b... (looks like a secret, hidden)');
    expect(byLine(5)?.serial).toBe('12345678901234567890');

    const file = await engine.uploads.writeFailuresFile(summary.id, tempDir());
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(hidden);
    for (const seed of [OTHER_SEED, 'KRSXG5CT', '2a3b 4c5d 6e7f']) expect(text).not.toContain(seed);
  });

  it('gives a hint for interval values with a unit or decimals', async () => {
    const { byLine } = await rows([
      `helga@contoso.com,20000001,${SEED},30s,Token2,C202`,
      `helga@contoso.com,20000002,${OTHER_SEED},60.0,Token2,C202`,
    ]);
    expect(byLine(2)?.hint).toContain('without a unit');
    expect(byLine(3)?.hint).toContain('without decimals');
  });

  it('stores the hash function and digits exactly as the file says, in any spelling', async () => {
    const { byLine } = await rows(
      [
        `helga@contoso.com,20000001,${SEED},30,Token2,C202,SHA-256,6`,
        `ingrid@contoso.com,20000002,${OTHER_SEED},30,Token2,C202,hmacsha512,8`,
        `karl@contoso.com,20000003,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,30,Token2,C202,,`,
        `lena@contoso.com,20000004,MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK,30,Token2,C202,md5,6`,
        `lena@contoso.com,20000005,ONSWG4TFORZXIZLDONSWG4TFORZXIZLD,30,Token2,C202,sha1,7`,
      ],
      `${HEADER},hash function,digits`,
    );
    expect(token(engine, '20000001')).toMatchObject({ algorithm: 'SHA256', digits: 6 });
    expect(token(engine, '20000002')).toMatchObject({ algorithm: 'SHA512', digits: 8 });
    expect(token(engine, '20000003')).toMatchObject({ algorithm: 'SHA1', digits: 6 });
    expect(byLine(5)?.code).toBe('HASH_UNSUPPORTED');
    expect(byLine(5)?.reason).toContain("'md5'");
    expect(byLine(6)?.code).toBe('DIGITS_INVALID');
    expect(token(engine, '20000004')).toBeUndefined();
  });

  it('takes an algorithm column as the hash function rather than ignoring it', async () => {
    const line = `helga@contoso.com,20000001,${SEED},30,Token2,C202,SHA256`;
    await rows([line], `${HEADER},algorithm`);
    expect(token(engine, '20000001')?.algorithm).toBe('SHA256');
  });

  it('reports a row with more fields than the header, naming both counts', async () => {
    const { byLine } = await rows([`helga@contoso.com,20000001,${SEED},30,Token2,C202,extra`]);
    expect(byLine(2)).toMatchObject({ code: 'ROW_FIELD_COUNT' });
    expect(byLine(2)?.reason).toBe('the row has 7 field(s) but the header has 6');
  });
});
