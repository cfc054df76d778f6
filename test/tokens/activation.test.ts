import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, codeAt, fixture, Harness, T0 } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.open();
  await h.addUser('helga@contoso.com');
  await h.addUser('ingrid@contoso.com');
});
afterEach(async () => h.dispose());

interface T01 {
  token: { serialNumber: string; secretKey: string };
  attempts: { typed: string }[];
}

describe('activation (t01: codes are strings of the digit count)', () => {
  const t01 = fixture<T01>('t01-activation-code-leading-zero.json');
  const { serialNumber: serial, secretKey: secret } = t01.token;

  it('refuses the 5-digit and full-width forms as format errors that cost nothing', async () => {
    await h.addToken({ serial, secret, upn: 'helga@contoso.com' });
    const [, short, , wide] = t01.attempts.map((a) => a.typed);

    const shortDecision = await h.tokens.activate(serial, short!, undefined, ADMIN);
    const wideDecision = await h.tokens.activate(serial, wide!, undefined, ADMIN);

    expect(shortDecision).toMatchObject({ isAccepted: false, code: 'BAD_FORMAT' });
    expect(wideDecision).toMatchObject({ isAccepted: false, code: 'BAD_FORMAT' });
    expect(h.tokenState(serial)?.status).toBe('assigned');
    expect(h.tokens.activationUsage().used).toBe(0);
  });

  it('accepts the leading-zero code and records the step it belongs to', async () => {
    await h.addToken({ serial, secret, upn: 'helga@contoso.com' });

    const decision = await h.tokens.activate(serial, '021131', undefined, ADMIN);

    expect(decision).toMatchObject({ isAccepted: true, code: 'ACCEPTED', driftSteps: 0 });
    expect(h.tokenState(serial)).toEqual({
      status: 'activated',
      offset_steps: 0,
      last_step: T0 / 30_000,
    });
    expect(h.tokens.activationUsage()).toMatchObject({ used: 1, limit: 200 });
  });

  it('accepts the spaced form after removing the spaces', async () => {
    await h.addToken({ serial, secret, upn: 'helga@contoso.com' });
    const decision = await h.tokens.activate(serial, ' 021 131 ', undefined, ADMIN);
    expect(decision.isAccepted).toBe(true);
  });
});

describe('activation (t02, t03: wrong rows and drifted clocks)', () => {
  it('refuses a 60 s token uploaded as 30 s with the interval hint (t02)', async () => {
    const t02 = fixture<{ uploadedRow: string; serverTimeUtc: string; tokenDisplays: string }>(
      't02-interval-mismatch-60s-token-uploaded-as-30s.json',
    );
    const [upn, serial, secret] = t02.uploadedRow.split(',');
    await h.addToken({ serial: serial!, secret: secret!, upn: upn!, interval: 30 });
    h.at(t02.serverTimeUtc);

    const decision = await h.tokens.activate(serial!, t02.tokenDisplays, undefined, ADMIN);

    expect(decision).toMatchObject({ isAccepted: false, code: 'INTERVAL_MISMATCH' });
    expect(decision.reason).toContain('60 s');
    expect(h.tokenState(serial!)?.status).toBe('failedActivation');
    expect(h.tokens.get(serial!).recentFailures[0]?.reason).toContain('INTERVAL_MISMATCH');
  });

  it('learns +8 steps at activation and +9 a month later; +660 s needs two codes', async () => {
    const t03 = fixture<{ token: { secretKey: string }; steps: { typed: string }[] }>(
      't03-hardware-clock-drift.json',
    );
    const secret = t03.token.secretKey;
    await h.addToken({ serial: '10103001', secret, upn: 'ingrid@contoso.com' });
    await h.addToken({ serial: '10103002', secret, upn: 'helga@contoso.com' });
    h.at('2025-01-01T01:00:00Z');

    const near = await h.tokens.activate('10103001', t03.steps[0]!.typed, undefined, ADMIN);
    const far = await h.tokens.activate('10103002', t03.steps[2]!.typed, undefined, ADMIN);

    expect(near).toMatchObject({ isAccepted: true, driftSteps: 8 });
    expect(h.tokenState('10103001')?.offset_steps).toBe(8);
    expect(far).toMatchObject({ isAccepted: false, code: 'NEED_NEXT_CODE', driftSteps: 22 });
    expect(h.tokenState('10103002')?.status).toBe('assigned');

    // A month later the token is +270 s: signed in with the stored offset, which moves to +9.
    h.at('2025-01-31T01:00:00Z');
    const signIn = await h.tokens.verify('ingrid@contoso.com', t03.steps[1]!.typed, 'nas:vpn1');
    expect(signIn).toMatchObject({ isAccepted: true, driftSteps: 9 });
    expect(h.tokenState('10103001')?.offset_steps).toBe(9);
  });

  it('accepts two consecutive codes far from server time and learns that offset', async () => {
    const secret = 'ZHML2HK6SKB3VY7WXHVRTWSFVFPXDT5I';
    await h.addToken({ serial: 'F1', secret, upn: 'helga@contoso.com' });
    const now = h.clock.now();

    const decision = await h.tokens.activate(
      'F1',
      codeAt(secret, now, 660),
      codeAt(secret, now, 690),
      ADMIN,
    );

    expect(decision).toMatchObject({ isAccepted: true, driftSteps: 23 });
    expect(h.tokenState('F1')?.offset_steps).toBe(23);
  });

  it('refuses tokens that are not assigned, already activated, disabled or unknown', async () => {
    const secret = 'ZHML2HK6SKB3VY7WXHVRTWSFVFPXDT5I';
    await h.addToken({ serial: 'A1', secret });
    await h.addToken({ serial: 'A2', secret, upn: 'helga@contoso.com', status: 'activated' });
    await h.addToken({ serial: 'A3', secret, upn: 'ingrid@contoso.com' });
    await h.tokens.setEnabled('A3', false, ADMIN);
    const code = codeAt(secret, h.clock.now());

    await expect(h.tokens.activate('A1', code, undefined, ADMIN)).rejects.toMatchObject({
      code: 'TOKEN_NOT_ASSIGNED',
    });
    await expect(h.tokens.activate('A2', code, undefined, ADMIN)).rejects.toMatchObject({
      code: 'TOKEN_STATUS',
    });
    await expect(h.tokens.activate('A3', code, undefined, ADMIN)).rejects.toMatchObject({
      code: 'TOKEN_DISABLED',
    });
    await expect(h.tokens.activate('nope', code, undefined, ADMIN)).rejects.toMatchObject({
      code: 'TOKEN_NOT_FOUND',
    });
    expect(h.tokens.activationUsage().used).toBe(0);
  });
});
