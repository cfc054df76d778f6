// Our codes against independent implementations that run here: oathtool (oath-toolkit, C) and
// pyotp (Python). Each case draws a fresh secret, time, hash, digit count and interval.

import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { encodeBase32 } from '../../src/engine/otp/base32.js';
import { totpCode, type Digits } from '../../src/engine/otp/hotp.js';
import type { HashAlgorithm } from '../../src/engine/types.js';
import { keyOf } from './helpers.js';

const run = promisify(execFile);
const ALGORITHMS: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

interface Case {
  secret: string;
  unix: number;
  algorithm: HashAlgorithm;
  digits: Digits;
  interval: 30 | 60;
}

function randomCase(): Case {
  return {
    // 10 to 64 bytes: short Entra keys up to SHA-512 block-sized ones, odd lengths included.
    secret: encodeBase32(randomBytes(randomInt(10, 65))),
    // Up to about the year 2500, so counters above 2^32 steps are not needed but 2^31 seconds
    // (2038) is passed often.
    unix: randomInt(0, 17_000_000_000),
    algorithm: ALGORITHMS[randomInt(0, 3)] as HashAlgorithm,
    digits: randomInt(0, 2) === 0 ? 6 : 8,
    interval: randomInt(0, 2) === 0 ? 30 : 60,
  };
}

const ours = (c: Case): string =>
  totpCode(keyOf(c.secret), c.unix * 1000, c.interval, c.digits, c.algorithm);

async function oathtool(c: Case): Promise<string> {
  const { stdout } = await run('/usr/bin/oathtool', [
    `--totp=${c.algorithm}`,
    '-b',
    c.secret,
    '-N',
    `@${c.unix}`,
    '-d',
    String(c.digits),
    '-s',
    `${c.interval}s`,
  ]);
  return stdout.trim();
}

describe('codes agree with real peers', () => {
  it('matches oathtool for 1,000 random secrets at random times', async () => {
    const cases = Array.from({ length: 1000 }, randomCase);
    const theirs: string[] = [];

    // Eight processes at a time: about a second in all, without flooding the machine.
    for (let i = 0; i < cases.length; i += 8) {
      theirs.push(...(await Promise.all(cases.slice(i, i + 8).map(oathtool))));
    }

    const mismatches = cases.filter((c, i) => ours(c) !== theirs[i]);
    expect(mismatches).toEqual([]);
    expect(theirs.every((code, i) => code.length === cases[i]?.digits)).toBe(true);
  });

  it('matches pyotp for 2,000 random secrets at random times', async () => {
    const cases = Array.from({ length: 2000 }, randomCase);
    const script = [
      'import hashlib, json, sys, pyotp',
      'out = []',
      'for c in json.load(sys.stdin):',
      '    h = getattr(hashlib, c["algorithm"].lower())',
      '    t = pyotp.TOTP(c["secret"], digits=c["digits"], digest=h, interval=c["interval"])',
      '    out.append(t.at(c["unix"]))',
      'print(json.dumps(out))',
    ].join('\n');

    const child = run('/usr/bin/python3', ['-c', script]);
    child.child.stdin?.end(JSON.stringify(cases));
    const theirs = JSON.parse((await child).stdout) as string[];

    expect(theirs).toHaveLength(cases.length);
    expect(cases.filter((c, i) => ours(c) !== theirs[i])).toEqual([]);
  });

  it('matches oathtool at T = 20000000000 for a random SHA-1 secret', async () => {
    const c: Case = {
      secret: encodeBase32(randomBytes(20)),
      unix: 20_000_000_000,
      algorithm: 'SHA1',
      digits: 8,
      interval: 30,
    };
    expect(ours(c)).toBe(await oathtool(c));
  });
});
