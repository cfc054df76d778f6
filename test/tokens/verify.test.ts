import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeEvent } from '../../src/engine/events.js';
import { ADMIN, codeAt, fixture, Harness, keyOf, NAS, T0 } from './harness.js';

const SECRET = 'HYDZN3SWM2XESIC5LHY3L6ZYTWM5DBAQ';
const KARL = 'karl@contoso.com';
const DAY = 86_400_000;

let h: Harness;
beforeEach(async () => {
  h = await Harness.open();
  await h.addUser(KARL);
  await h.addToken({ serial: '10104001', secret: SECRET, upn: KARL, status: 'activated' });
});
afterEach(async () => h.dispose());

const now = () => h.clock.now();
const verify = (code: string, upn = KARL) => h.tokens.verify(upn, code, NAS);

describe('verification (t04: replay and stale codes)', () => {
  it('accepts, refuses replay and older codes, accepts the next (t04)', async () => {
    const t04 = fixture<{ attempts: { serverTimeUtc: string; typed: string }[] }>(
      't04-stale-code-and-replay.json',
    );
    const results: string[] = [];
    for (const attempt of t04.attempts) {
      h.at(attempt.serverTimeUtc);
      results.push((await verify(attempt.typed)).code);
    }

    expect(results).toEqual(['ACCEPTED', 'REPLAY', 'STALE_CODE', 'ACCEPTED', 'WRONG_CODE']);
    const replay = h.engine.audit.query({ upn: KARL }).find((e) => e.reason.includes('already'));
    expect(replay).toMatchObject({ actor: NAS, outcome: 'reject', serial: '10104001' });
  });

  it('refuses a replayed code after the engine was closed and reopened', async () => {
    const code = codeAt(SECRET, now());
    expect((await verify(code)).isAccepted).toBe(true);

    await h.close();
    await h.reopen();
    h.clock.advance(10_000);

    expect(await verify(code)).toMatchObject({ isAccepted: false, code: 'REPLAY' });
  });

  it('accepts one of two concurrent same-code requests, refuses the other', async () => {
    const code = codeAt(SECRET, now());
    const decisions = await Promise.all([verify(code), verify(code), verify(code)]);
    expect(decisions.map((d) => d.code).sort()).toEqual(['ACCEPTED', 'REPLAY', 'REPLAY']);
  });

  it('takes the code from the end of a longer password (password+code NAS)', async () => {
    const decision = await verify(`hunter2${codeAt(SECRET, now())}`);
    expect(decision.isAccepted).toBe(true);
  });

  it('emits a verification event with the decision', async () => {
    const seen: CodeEvent[] = [];
    h.engine.events.on('verification', (event) => seen.push(event));
    await verify(codeAt(SECRET, now()));
    expect(seen).toMatchObject([{ actor: NAS, upn: KARL, serial: '10104001' }]);
    expect(seen[0]?.decision.isAccepted).toBe(true);
  });
});

describe('verification (drift)', () => {
  it('keeps signing in a token that gains 7 s a week, used every 3 days for a year', async () => {
    const codes: string[] = [];
    for (let day = 0; day <= 365; day += 3) {
      h.clock.set(T0 + day * DAY);
      const skew = (day / 7) * 7;
      codes.push((await verify(codeAt(SECRET, now(), skew))).code);
    }

    expect(codes.every((c) => c === 'ACCEPTED')).toBe(true);
    expect(h.tokenState('10104001')?.offset_steps).toBeGreaterThanOrEqual(11);
    expect(h.tokens.get('10104001').driftSeconds).toBeGreaterThan(300);
  });

  it('refuses a token at +4 min now at +9 min as drifted; resync fixes it', async () => {
    await h.addUser('ingrid@contoso.com');
    await h.addToken({
      serial: 'D1',
      secret: SECRET,
      upn: 'ingrid@contoso.com',
      status: 'activated',
      offsetSteps: 8,
    });
    h.clock.set(T0 + 120 * DAY);

    const drifted = await verify(codeAt(SECRET, now(), 540), 'ingrid@contoso.com');
    expect(drifted).toMatchObject({ isAccepted: false, code: 'DRIFTED', driftSteps: 18 });
    expect(drifted.reason).toContain('+18 steps (+540 s)');

    const resynced = await h.tokens.resync(
      'D1',
      codeAt(SECRET, now(), 540),
      codeAt(SECRET, now(), 570),
      ADMIN,
    );
    expect(resynced).toMatchObject({ isAccepted: true, driftSteps: 19 });

    // The second resync code was the token's current one; a minute later it shows a new one.
    h.clock.advance(60_000);
    const after = await verify(codeAt(SECRET, now(), 540), 'ingrid@contoso.com');
    expect(after.isAccepted).toBe(true);
  });
});

describe('verification (lockout)', () => {
  const wrong = (n: number) => String(100_000 + n);

  it('locks out for a growing delay, refusing even the right code meanwhile', async () => {
    const first = [await verify(wrong(1)), await verify(wrong(2)), await verify(wrong(3))];
    expect(first.map((d) => d.retryAt)).toEqual([undefined, undefined, now() + 30_000]);

    const blocked = await verify(codeAt(SECRET, now()));
    expect(blocked).toMatchObject({ code: 'LOCKED_OUT', retryAt: now() + 30_000 });

    h.clock.advance(30_000);
    expect((await verify(wrong(4))).retryAt).toBe(now() + 60_000);
    h.clock.advance(60_000);
    expect((await verify(wrong(5))).retryAt).toBe(now() + 120_000);

    h.clock.advance(120_000);
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(true);
    expect(h.engine.store.get('SELECT count(*) AS n FROM lockouts')).toEqual({ n: 0 });
  });

  it('counts the same wrong code repeated within a minute once', async () => {
    const decisions = [];
    for (let i = 0; i < 5; i++) {
      decisions.push(await verify(wrong(1)));
      h.clock.advance(5_000);
    }

    expect(decisions.every((d) => d.code === 'WRONG_CODE' && d.retryAt === undefined)).toBe(true);
    expect(decisions[4]?.reason).toContain('counted once');
    expect(h.engine.store.get('SELECT failures FROM lockouts')).toEqual({ failures: 1 });
  });

  it('does not count a format error or a replay as a wrong code', async () => {
    const code = codeAt(SECRET, now());
    await verify(code);
    await verify(code);
    await verify('12 34');
    await verify('１２３４５６');
    expect(h.engine.store.get('SELECT count(*) AS n FROM lockouts')).toEqual({ n: 0 });
  });
});

describe('verification (who may sign in)', () => {
  it('refuses unknown, disabled, guest and tokenless users', async () => {
    await h.addUser('off@contoso.com', { enabled: false });
    await h.addToken({ serial: 'U1', secret: SECRET, upn: 'off@contoso.com', status: 'activated' });
    await h.addUser('guest#EXT#@contoso.onmicrosoft.com', { guest: true });
    await h.addUser('new@contoso.com');
    await h.addToken({ serial: 'U2', secret: SECRET, upn: 'new@contoso.com' });
    const code = codeAt(SECRET, now());

    expect((await verify(code, 'nobody@contoso.com')).code).toBe('USER_UNKNOWN');
    expect((await verify(code, 'off@contoso.com')).code).toBe('USER_DISABLED');
    expect((await verify(code, 'guest#EXT#@contoso.onmicrosoft.com')).code).toBe('USER_GUEST');
    expect((await verify(code, 'new@contoso.com')).code).toBe('NO_ACTIVE_TOKEN');
  });

  it('refuses a disabled token, and accepts it again once enabled', async () => {
    await h.tokens.setEnabled('10104001', false, ADMIN);
    expect((await verify(codeAt(SECRET, now()))).code).toBe('NO_ACTIVE_TOKEN');

    await h.tokens.setEnabled('10104001', true, ADMIN);
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(true);
  });

  it('uses a replaced seed at once, though the old one is in the key cache', async () => {
    const other = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(true);
    const sealed = h.engine.context.box.seal(keyOf(other), 'seed');
    await h.engine.store.write((tx) =>
      tx.run('UPDATE tokens SET secret = ? WHERE serial = ?', [sealed, '10104001']),
    );
    h.clock.advance(30_000);

    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(false);
    expect((await verify(codeAt(other, now()))).isAccepted).toBe(true);
  });

  it('matches the user name case-insensitively', async () => {
    const decision = await verify(codeAt(SECRET, now()), 'KARL@Contoso.com ');
    expect(decision.isAccepted).toBe(true);
  });
});
