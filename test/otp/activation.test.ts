import { describe, expect, it } from 'vitest';

import { stepAt, totpCode } from '../../src/engine/otp/hotp.js';
import type { OtpParams } from '../../src/engine/otp/match.js';
import { searchActivation } from '../../src/engine/otp/policy.js';
import { fixture, fixtureJson, ms, params } from './helpers.js';

const t01 = fixtureJson<{ token: { secretKey: string } }>('t01-activation-code-leading-zero.json');
const t02 = fixtureJson<{
  uploadedRow: string;
  serverTimeUtc: string;
  tokenDisplays: string;
  codesServerWouldAcceptWith30sAndWindowPlusMinus4: string[];
}>('t02-interval-mismatch-60s-token-uploaded-as-30s.json');
const t03 = fixtureJson<{ token: { secretKey: string }; steps: Array<{ typed: string }> }>(
  't03-hardware-clock-drift.json',
);

const shown = (p: OtpParams, at: number, driftMs: number): string =>
  totpCode(p.key, at + driftMs, p.intervalSeconds, p.digits, p.algorithm);

describe('searchActivation', () => {
  it('does not activate with a code read two steps ago and typed late (t05 stale code)', () => {
    const p = params(t01.token.secretKey);
    const at = ms('2025-01-01T00:00:00Z');
    const captured = shown(p, at - 51_000, 0);

    const decision = searchActivation(p, captured, undefined, at);
    expect(decision.isAccepted).toBe(false);
    expect(decision.code).toBe('NEED_NEXT_CODE');
    expect(searchActivation(p, shown(p, at - 30_000, 0), undefined, at).isAccepted).toBe(true);
  });

  it('accepts 021131 with offset 0 and refuses 21131 as a format error', () => {
    const p = params(t01.token.secretKey);
    const at = ms('2025-01-01T00:00:00Z');
    expect(searchActivation(p, '021131', undefined, at)).toMatchObject({
      code: 'ACCEPTED',
      step: stepAt(at, 30),
      newClock: { offsetSteps: 0, lastStep: stepAt(at, 30) },
    });
    expect(searchActivation(p, '21131', undefined, at).code).toBe('BAD_FORMAT');
    expect(searchActivation(p, '０２１１３１', undefined, at).code).toBe('BAD_FORMAT');
  });

  it('refuses a 60 s token uploaded as 30 s with the interval hint (t02)', () => {
    const secret = t02.uploadedRow.split(',')[2] as string;
    const p = params(secret);
    const at = ms(t02.serverTimeUtc);

    // The fixture's 30 s neighbours are ours too, and the 60 s code is not among them.
    const series = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((d) => shown(p, at, d * 30_000));
    expect(series).toEqual(t02.codesServerWouldAcceptWith30sAndWindowPlusMinus4);
    expect(series).not.toContain(t02.tokenDisplays);

    const decision = searchActivation(p, t02.tokenDisplays, undefined, at);
    expect(decision).toMatchObject({ isAccepted: false, code: 'INTERVAL_MISMATCH' });
    expect(decision.reason).toMatch(/matches the seed with a 60 s step; the upload row says 30 s/);
  });

  it('refuses a SHA-256 token uploaded as SHA-1 with the hash hint (c21)', () => {
    const line = fixture('c21-sha256-and-8-digit.csv').split(/\r?\n/)[1] as string;
    const p = params(line.split(',')[2] as string);
    const at = ms('2025-01-01T00:00:00Z');

    expect(shown(p, at, 0)).toBe('312215');
    const decision = searchActivation(p, '620087', undefined, at);
    expect(decision).toMatchObject({ code: 'HASH_MISMATCH' });
    expect(decision.reason).toMatch(/HMAC-SHA256; the upload row says HMAC-SHA1/);
    expect(searchActivation({ ...p, algorithm: 'SHA256' }, '620087', undefined, at).code).toBe(
      'ACCEPTED',
    );
  });

  it('accepts a token +240 s off and records offset +8 (t03)', () => {
    const p = params(t03.token.secretKey);
    const decision = searchActivation(p, '325593', undefined, ms('2025-01-01T01:00:00Z'));
    expect(decision).toMatchObject({ code: 'ACCEPTED', driftSteps: 8 });
  });

  it('asks for the next code at +660 s and accepts only two consecutive codes (t03)', () => {
    const p = params(t03.token.secretKey);
    const at = ms('2025-01-01T01:00:00Z');
    const typed = t03.steps[2]?.typed as string;
    expect(shown(p, at, 660_000)).toBe(typed);

    const single = searchActivation(p, typed, undefined, at);
    expect(single).toMatchObject({
      isAccepted: false,
      code: 'NEED_NEXT_CODE',
      needsNextCode: true,
      driftSteps: 22,
    });
    expect(single.reason).toMatch(/\+22 steps \(\+660 s\)/);

    const later = at + 30_000;
    const next = shown(p, later, 660_000);
    expect(searchActivation(p, typed, next, later)).toMatchObject({
      code: 'ACCEPTED',
      newClock: { offsetSteps: 22, lastStep: stepAt(later, 30) + 22 },
    });

    const notNext = shown(p, later, 720_000);
    expect(searchActivation(p, typed, notNext, later).code).toBe('WRONG_CODE');
  });

  it('finds a 60 s token several hours off with two codes, searching two days', () => {
    const p = params(t03.token.secretKey, { intervalSeconds: 60 });
    const at = ms('2025-01-01T01:00:00Z');
    const drift = 30 * 3_600_000;
    const decision = searchActivation(p, shown(p, at, drift - 60_000), shown(p, at, drift), at);
    expect(decision).toMatchObject({ code: 'ACCEPTED', driftSteps: 1800 });
  });

  it('refuses a wrong code and a code beyond the wide window', () => {
    const p = params(t03.token.secretKey);
    const at = ms('2025-01-01T01:00:00Z');
    const right = shown(p, at, 0);
    const wrong = right === '000000' ? '000001' : '000000';
    expect(searchActivation(p, wrong, shown(p, at, 30_000), at).code).toBe('WRONG_CODE');

    const tooFar = 25 * 3_600_000;
    const decision = searchActivation(p, shown(p, at, tooFar), shown(p, at, tooFar + 30_000), at);
    expect(decision).toMatchObject({ code: 'WRONG_CODE', reason: /within 24 h/ });
  });

  it('refuses a code at or before a last accepted step passed in', () => {
    const p = params(t01.token.secretKey);
    const at = ms('2025-01-01T00:00:00Z');
    const decision = searchActivation(p, '021131', undefined, at, { lastStep: stepAt(at, 30) });
    expect(decision.code).toBe('REPLAY');
  });
});
