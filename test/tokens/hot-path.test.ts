// The state the sign-in path keeps in memory (which users have a lockout row, the audit id
// counter, opened seeds with their HMAC pads) must agree with the store after every change and
// after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/engine/types.js';
import { ADMIN, codeAt, Harness, keyOf, NAS } from './harness.js';

const SECRET = 'HYDZN3SWM2XESIC5LHY3L6ZYTWM5DBAQ';
const OTHER = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KARL = 'karl@contoso.com';

let h: Harness;
beforeEach(async () => {
  h = await Harness.open();
  await h.addUser(KARL);
  await h.addToken({ serial: '10104001', secret: SECRET, upn: KARL, status: 'activated' });
});
afterEach(async () => h.dispose());

const now = () => h.clock.now();
const verify = (code: string, upn = KARL) => h.tokens.verify(upn, code, NAS);
const wrong = (n: number) => String(100_000 + n);

describe('sign-in state kept in memory', () => {
  it('keeps a user locked out after a restart, before any lockout was read', async () => {
    for (let n = 1; n <= 3; n++) await verify(wrong(n));
    await h.close();
    await h.reopen();

    const decision = await verify(codeAt(SECRET, now()));
    expect(decision.code).toBe('LOCKED_OUT');
  });

  it('locks a user out again after a success cleared the earlier lockout', async () => {
    for (let n = 1; n <= 3; n++) await verify(wrong(n));
    h.clock.advance(30_000);
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(true);
    expect(h.engine.store.get('SELECT count(*) AS n FROM lockouts')).toEqual({ n: 0 });

    for (let n = 4; n <= 6; n++) await verify(wrong(n));
    expect((await verify(codeAt(SECRET, now()))).code).toBe('LOCKED_OUT');
  });

  it('numbers audit rows in order, one per decision, across batches and a restart', async () => {
    const seen: AuditEntry[] = [];
    h.engine.context.events.on('audit', (entry) => seen.push(entry));
    const code = codeAt(SECRET, now());
    await Promise.all([verify(code), verify(code), verify(wrong(1)), verify('x', 'no@x.com')]);
    await h.close();
    await h.reopen();
    h.clock.advance(30_000);
    await verify(codeAt(SECRET, now()));

    const rows = h.engine.store.all<{ id: number; reason: string }>(
      "SELECT id, reason FROM audit WHERE action = 'verify' ORDER BY id",
    );
    expect(rows).toHaveLength(5);
    const ids = rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(seen.map((entry) => entry.id)).toEqual(ids.slice(0, 4));
    expect(rows[1]?.reason).toContain('already used');
  });

  it('opens seeds ahead of sign-in and uses a seed replaced afterwards', async () => {
    await h.addUser('ada@contoso.com');
    await h.addToken({ serial: 'A1', secret: OTHER, upn: 'ada@contoso.com', status: 'activated' });
    await h.addToken({ serial: 'A2', secret: OTHER, upn: 'ada@contoso.com' });
    expect(await h.tokens.warmUp()).toEqual({ users: 2, keys: 2 });

    const sealed = h.engine.context.box.seal(keyOf(OTHER), 'seed');
    await h.engine.store.write((tx) =>
      tx.run('UPDATE tokens SET secret = ? WHERE serial = ?', [sealed, '10104001']),
    );
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(false);
    expect((await verify(codeAt(OTHER, now()))).isAccepted).toBe(true);
  });

  it('sees an unassigned, a deleted and a resynchronised token at the next sign-in', async () => {
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(true);

    h.clock.advance(30_000);
    await h.tokens.resync(
      '10104001',
      codeAt(SECRET, now(), 300),
      codeAt(SECRET, now(), 330),
      ADMIN,
    );
    expect((await verify(codeAt(SECRET, now(), 330))).code).toBe('REPLAY');
    h.clock.advance(60_000);
    expect((await verify(codeAt(SECRET, now(), 300))).isAccepted).toBe(true);

    h.clock.advance(30_000);
    await h.tokens.unassign('10104001', ADMIN);
    expect((await verify(codeAt(SECRET, now(), 300))).code).toBe('NO_ACTIVE_TOKEN');

    await h.addToken({ serial: 'B1', secret: OTHER, upn: KARL, status: 'activated' });
    expect((await verify(codeAt(OTHER, now()))).isAccepted).toBe(true);
    await h.tokens.delete('B1', ADMIN);
    h.clock.advance(30_000);
    expect((await verify(codeAt(OTHER, now()))).code).toBe('NO_ACTIVE_TOKEN');
  });
});

describe('sign-in index (users and tokens in memory)', () => {
  beforeEach(async () => {
    expect((await h.tokens.warmUp()).users).toBe(1);
  });

  it('refuses a token disabled after the index was filled', async () => {
    await h.tokens.setEnabled('10104001', false, ADMIN);
    expect((await verify(codeAt(SECRET, now()))).code).toBe('NO_ACTIVE_TOKEN');
  });

  it('refuses a user disabled by any writer after the index was filled', async () => {
    await h.engine.store.write((tx) => tx.run('UPDATE users SET enabled = 0 WHERE id > 0'));
    expect((await verify(codeAt(SECRET, now()))).code).toBe('USER_DISABLED');
  });

  it('signs in with a token activated after the index was filled', async () => {
    await h.addUser('ada@contoso.com');
    await h.addToken({ serial: 'A1', secret: OTHER, upn: 'ada@contoso.com' });
    await h.tokens.warmUp();
    const decision = await h.tokens.activate('A1', codeAt(OTHER, now()), undefined, ADMIN);
    expect(decision.isAccepted).toBe(true);

    h.clock.advance(30_000);
    expect((await verify(codeAt(OTHER, now()), 'ada@contoso.com')).isAccepted).toBe(true);
  });

  it('accepts one of two concurrent identical requests, refuses the replay', async () => {
    const code = codeAt(SECRET, now());
    const decisions = await Promise.all([verify(code), verify(code)]);
    expect(decisions.map((d) => d.code).sort()).toEqual(['ACCEPTED', 'REPLAY']);
  });

  it('refuses a spent code after a restart and a fresh warm-up', async () => {
    const code = codeAt(SECRET, now());
    expect((await verify(code)).isAccepted).toBe(true);
    await h.close();
    await h.reopen();
    await h.tokens.warmUp();

    expect((await verify(code)).code).toBe('REPLAY');
    h.clock.advance(30_000);
    expect((await verify(codeAt(SECRET, now()))).isAccepted).toBe(true);
  });
});
