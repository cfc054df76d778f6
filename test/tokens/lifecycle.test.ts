import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness } from './harness.js';

const SECRET = 'ANXG6YOXGTYH3V7JLDLIZU6KPVCYKSIJ';
const GUEST = 'partner_fabrikam.com#EXT#@contoso.onmicrosoft.com';

let h: Harness;
beforeEach(async () => {
  h = await Harness.open();
  await h.addUser('helga@contoso.com');
  await h.addUser('jonas@contoso.com');
  await h.addUser(GUEST, { guest: true });
  for (let n = 1; n <= 8; n++) await h.addToken({ serial: `S${n}`, secret: SECRET });
});
afterEach(async () => h.dispose());

describe('assignment rules', () => {
  it('assigns an available token and records who did it', async () => {
    const summary = await h.tokens.assign('S1', 'HELGA@contoso.com', ADMIN);

    expect(summary).toMatchObject({ serial: 'S1', status: 'assigned', upn: 'helga@contoso.com' });
    const [entry] = h.engine.audit.query({ upn: 'helga@contoso.com' });
    expect(entry).toMatchObject({ actor: ADMIN, action: 'assign', outcome: 'ok', serial: 'S1' });
  });

  it('refuses a guest user and records the refusal', async () => {
    await expect(h.tokens.assign('S1', GUEST, ADMIN)).rejects.toMatchObject({
      code: 'USER_GUEST',
    });
    expect(h.tokenState('S1')?.status).toBe('available');
    const [entry] = h.engine.audit.query({ text: 'USER_GUEST' });
    expect(entry).toMatchObject({ action: 'assign', outcome: 'refused', serial: 'S1' });
  });

  it('refuses a disabled user at assignment and enrolment, as the upload does', async () => {
    await h.addUser('olaf@contoso.com', { enabled: false });
    await expect(h.tokens.assign('S1', 'olaf@contoso.com', ADMIN)).rejects.toMatchObject({
      code: 'USER_DISABLED',
    });
    await expect(h.tokens.enroll('olaf@contoso.com', ADMIN)).rejects.toMatchObject({
      code: 'USER_DISABLED',
    });
    expect(h.tokenState('S1')?.status).toBe('available');
  });

  it('refuses a token held by another user, naming the holder', async () => {
    await h.tokens.assign('S1', 'helga@contoso.com', ADMIN);
    const refused = h.tokens.assign('S1', 'jonas@contoso.com', ADMIN);
    await expect(refused).rejects.toMatchObject({ code: 'TOKEN_HELD' });
    await expect(refused).rejects.toThrow(/helga@contoso\.com/);
  });

  it('refuses a sixth method, counting software methods too', async () => {
    for (let n = 1; n <= 4; n++) await h.tokens.assign(`S${n}`, 'jonas@contoso.com', ADMIN);
    await h.tokens.enroll('jonas@contoso.com', ADMIN);

    await expect(h.tokens.assign('S5', 'jonas@contoso.com', ADMIN)).rejects.toMatchObject({
      code: 'METHOD_LIMIT',
    });
    await expect(h.tokens.enroll('jonas@contoso.com', ADMIN)).resolves.toBeDefined();
    expect(h.tokens.methods('jonas@contoso.com')).toHaveLength(5);
  });

  it('refuses an unknown user and an unknown token', async () => {
    await expect(h.tokens.assign('S1', 'nobody@contoso.com', ADMIN)).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
    });
    await expect(h.tokens.assign('S99', 'helga@contoso.com', ADMIN)).rejects.toMatchObject({
      code: 'TOKEN_NOT_FOUND',
    });
  });
});

describe('unassign, disable, delete', () => {
  it('returns an unassigned token to inventory but keeps its last accepted step', async () => {
    await h.addToken({
      serial: 'K1',
      secret: SECRET,
      upn: 'helga@contoso.com',
      status: 'activated',
      offsetSteps: 3,
      lastStep: 57_856_320,
    });

    const summary = await h.tokens.unassign('K1', ADMIN);

    expect(summary).toMatchObject({ status: 'available', upn: null, driftSteps: 0 });
    expect(h.tokenState('K1')?.last_step).toBe(57_856_320);
  });

  it('lists disabled tokens and deletes a token for good', async () => {
    await h.tokens.setEnabled('S2', false, ADMIN);
    expect(h.tokens.list({ status: 'disabled' }).rows.map((r) => r.serial)).toEqual(['S2']);

    await h.tokens.delete('S2', ADMIN);
    expect(() => h.tokens.get('S2')).toThrow(/no token with serial 'S2'/);
    expect(h.engine.audit.query({ text: 'deleted' })).toHaveLength(1);
  });
});

describe('listing', () => {
  it('filters by user, status and text, and pages in serial order', async () => {
    await h.tokens.assign('S3', 'helga@contoso.com', ADMIN);
    await h.tokens.assign('S4', 'helga@contoso.com', ADMIN);

    expect(h.tokens.list({ upn: 'Helga@Contoso.com' }).rows.map((r) => r.serial)).toEqual([
      'S3',
      'S4',
    ]);
    expect(h.tokens.list({ status: 'available' }).total).toBe(6);
    expect(h.tokens.list({ text: 'HELGA' }).total).toBe(2);
    expect(h.tokens.list({ text: 'c202' }).total).toBe(8);
    expect(h.tokens.list({ text: 'activ' }).total).toBe(0);
    // LIKE wildcards typed by the admin are plain characters.
    expect(h.tokens.list({ text: '%' }).total).toBe(0);
    expect(h.tokens.list({ text: 's_' }).total).toBe(0);

    const page = h.tokens.list({ offset: 2, limit: 3 });
    expect(page).toMatchObject({ total: 8 });
    expect(page.rows.map((r) => r.serial)).toEqual(['S3', 'S4', 'S5']);
  });
});
