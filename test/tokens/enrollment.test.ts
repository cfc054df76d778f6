import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness, NAS } from './harness.js';

const GUEST = 'partner_fabrikam.com#EXT#@contoso.onmicrosoft.com';
const LENA = 'lena@contoso.com';

/** The code an authenticator app shows for `secret` at `ms`, computed by oathtool. */
function oathtool(secret: string, ms: number): string {
  const now = new Date(ms).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
  return execFileSync('oathtool', ['--totp', '-b', `--now=${now}`, secret], {
    encoding: 'utf8',
  }).trim();
}

let h: Harness;
beforeEach(async () => {
  h = await Harness.open();
  await h.addUser(LENA);
  await h.addUser(GUEST, { guest: true });
});
afterEach(async () => h.dispose());

describe('software enrolment', () => {
  it('returns a fresh 160-bit secret and an otpauth URI for it', async () => {
    const first = await h.tokens.enroll(LENA, ADMIN, 'Contoso VPN');

    expect(first.serial).toMatch(/^SW-[A-Z2-7]{8}$/);
    expect(first.secretBase32).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(first.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Contoso VPN:lena@contoso.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: first.secretBase32,
      issuer: 'Contoso VPN',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(h.tokens.methods(LENA)).toMatchObject([
      { serial: first.serial, kind: 'software', status: 'assigned' },
    ]);
  });

  it('confirms with an oathtool code for the shown secret, then signs in', async () => {
    const enrollment = await h.tokens.enroll(LENA, ADMIN);

    const confirmed = await h.tokens.confirmEnrollment(
      LENA,
      oathtool(enrollment.secretBase32, h.clock.now()),
      ADMIN,
    );
    h.clock.advance(30_000);
    const signIn = await h.tokens.verify(
      LENA,
      oathtool(enrollment.secretBase32, h.clock.now()),
      NAS,
    );

    expect(confirmed).toMatchObject({ isAccepted: true, serial: enrollment.serial });
    expect(h.tokens.methods(LENA)[0]).toMatchObject({ status: 'activated', kind: 'software' });
    expect(signIn).toMatchObject({ isAccepted: true, serial: enrollment.serial });
  });

  it('keeps a pending method pending after a wrong code, and cannot sign in with it', async () => {
    const enrollment = await h.tokens.enroll(LENA, ADMIN);
    const right = oathtool(enrollment.secretBase32, h.clock.now());
    const wrong = right === '000000' ? '000001' : '000000';

    const refused = await h.tokens.confirmEnrollment(LENA, wrong, ADMIN);
    const signIn = await h.tokens.verify(LENA, right, NAS);

    expect(refused).toMatchObject({ isAccepted: false, code: 'WRONG_CODE' });
    expect(h.tokens.methods(LENA)[0]?.status).toBe('assigned');
    expect(signIn.code).toBe('NO_ACTIVE_TOKEN');
  });

  it('never shows the secret again: not in detail, list or audit trail', async () => {
    const enrollment = await h.tokens.enroll(LENA, ADMIN);

    const shown = JSON.stringify([
      h.tokens.get(enrollment.serial),
      h.tokens.list({}),
      h.tokens.methods(LENA),
      h.engine.audit.query({}),
    ]);

    expect(shown).not.toContain(enrollment.secretBase32);
  });

  it('refuses guests, a sixth method, and confirmation with nothing pending', async () => {
    for (let n = 1; n <= 5; n++) {
      await h.addToken({ serial: `H${n}`, secret: 'JBSWY3DPEHPK3PXP', upn: LENA });
    }

    await expect(h.tokens.enroll(GUEST, ADMIN)).rejects.toMatchObject({
      code: 'USER_GUEST',
    });
    await expect(h.tokens.enroll(LENA, ADMIN)).rejects.toMatchObject({ code: 'METHOD_LIMIT' });
    await expect(h.tokens.confirmEnrollment(LENA, '123456', ADMIN)).rejects.toMatchObject({
      code: 'NO_PENDING_ENROLLMENT',
    });
  });
});
