// t05: at most 200 activations in any rolling 5 minutes for the whole tenant, kept across restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, codeAt, Harness, T0 } from './harness.js';

const SECRET = 'HYDZN3SWM2XESIC5LHY3L6ZYTWM5DBAQ';
const serial = (n: number) => String(20_000_000 + n);

let h: Harness;
beforeEach(async () => {
  h = await Harness.open();
  await h.addUser('lena@contoso.com');
  for (let n = 1; n <= 201; n++)
    await h.addToken({ serial: serial(n), secret: SECRET, upn: 'lena@contoso.com' });
});
afterEach(async () => h.dispose());

/** Activates tokens 1..count between t = 0 and t = 240 s, `actorOf(n)` doing the n-th. */
async function activateMany(count: number, actorOf: (n: number) => string = () => ADMIN) {
  for (let n = 1; n <= count; n++) {
    h.clock.set(T0 + Math.floor(((n - 1) * 240_000) / (count - 1)));
    const decision = await h.tokens.activate(
      serial(n),
      codeAt(SECRET, h.clock.now()),
      undefined,
      actorOf(n),
    );
    expect(decision.isAccepted).toBe(true);
  }
}

describe('the tenant activation limit', () => {
  it('refuses the 201st activation with a retry time; the next window works', async () => {
    await activateMany(200);
    h.clock.set(T0 + 250_000);
    const captured = codeAt(SECRET, h.clock.now());

    const first = await h.tokens.activate(serial(201), captured, undefined, ADMIN);
    const again = await h.tokens.activate(serial(201), captured, undefined, ADMIN);

    for (const decision of [first, again]) {
      expect(decision).toMatchObject({
        isAccepted: false,
        code: 'RATE_LIMITED',
        retryAt: T0 + 300_000,
      });
    }
    expect(h.tokenState(serial(201))?.status).toBe('assigned');
    expect(h.tokens.activationUsage()).toMatchObject({ used: 200, nextSlotAt: T0 + 300_000 });
    expect(h.engine.store.get('SELECT count(*) AS n FROM lockouts')).toEqual({ n: 0 });

    // The stale code is checked in the slot freed at 300 s and refused, but it uses no slot:
    // the fresh code right after it takes that slot.
    h.clock.set(T0 + 301_000);
    const stale = await h.tokens.activate(serial(201), captured, undefined, ADMIN);
    expect(h.tokens.activationUsage().used).toBe(199);
    const fresh = await h.tokens.activate(
      serial(201),
      codeAt(SECRET, h.clock.now()),
      undefined,
      ADMIN,
    );
    expect(stale.isAccepted).toBe(false);
    expect(stale.code).not.toBe('RATE_LIMITED');
    expect(fresh).toMatchObject({ isAccepted: true, code: 'ACCEPTED' });
    expect(h.tokens.activationUsage().used).toBe(200);
  });

  it('counts activations by every admin together', async () => {
    await activateMany(200, (n) => (n <= 150 ? 'cli:alice' : 'tui:bob'));
    h.clock.set(T0 + 250_000);

    const decision = await h.tokens.activate(
      serial(201),
      codeAt(SECRET, h.clock.now()),
      undefined,
      'cli:carol',
    );

    expect(decision.code).toBe('RATE_LIMITED');
  });

  it('still refuses after a restart, because the window is kept in the store', async () => {
    await activateMany(200);
    await h.close();
    await h.reopen();
    h.clock.set(T0 + 250_000);

    const decision = await h.tokens.activate(
      serial(201),
      codeAt(SECRET, h.clock.now()),
      undefined,
      ADMIN,
    );

    expect(decision).toMatchObject({ code: 'RATE_LIMITED', retryAt: T0 + 300_000 });
  });

  it('does not count wrong codes against the tenant: 250 of them block no one', async () => {
    h.clock.set(T0);
    for (let n = 1; n <= 50; n++) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const wrong = await h.tokens.activate(serial(n), '000000', undefined, ADMIN);
        expect(wrong.code).toBe('WRONG_CODE');
      }
    }
    expect(h.tokens.activationUsage().used).toBe(0);

    const decision = await h.tokens.activate(
      serial(51),
      codeAt(SECRET, h.clock.now()),
      undefined,
      'cli:carol',
    );
    expect(decision).toMatchObject({ isAccepted: true, code: 'ACCEPTED' });
    expect(h.tokens.activationUsage().used).toBe(1);
  });

  it('stops checking codes for a token after 5 wrong ones in 5 minutes', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      h.clock.set(T0 + attempt * 10_000);
      await h.tokens.activate(serial(1), '000000', undefined, ADMIN);
    }
    h.clock.set(T0 + 60_000);
    const right = codeAt(SECRET, h.clock.now());
    const refused = await h.tokens.activate(serial(1), right, undefined, ADMIN);

    expect(refused).toMatchObject({
      isAccepted: false,
      code: 'TOO_MANY_ATTEMPTS',
      retryAt: T0 + 300_000,
    });
    expect(refused.reason).toBe(
      "5 wrong codes for token '20000001' in the last 5 minutes reach the limit of 5; this" +
        ' code was not checked; retry at 2025-01-01T00:05:00Z',
    );
    expect(h.tokenState(serial(1))?.status).toBe('failedActivation');
    const other = await h.tokens.activate(serial(2), right, undefined, ADMIN);
    expect(other.isAccepted).toBe(true);

    h.clock.set(T0 + 300_000);
    const later = await h.tokens.activate(
      serial(1),
      codeAt(SECRET, h.clock.now()),
      undefined,
      ADMIN,
    );
    expect(later).toMatchObject({ isAccepted: true, code: 'ACCEPTED' });
  });

  it('purges only rows that have left the window', async () => {
    await activateMany(200);
    h.clock.set(T0 + 300_000 + 120_000);
    const purged = await h.tokens.purgeActivations();
    const left = h.tokens.activationUsage().used;
    expect(purged).toBeGreaterThan(0);
    expect(purged + left).toBe(200);
    expect(left).toBeGreaterThan(0);
  });
});
