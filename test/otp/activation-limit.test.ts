import { describe, expect, it } from 'vitest';

import { checkActivationLimit } from '../../src/engine/otp/policy.js';

describe('checkActivationLimit (t05)', () => {
  // 200 activations between t = 0 s and t = 240 s, as the fixture's sequence does.
  const T0 = Date.parse('2025-01-01T03:00:00Z');
  const done = Array.from({ length: 200 }, (_, i) => T0 + Math.round((i * 240_000) / 199));

  it('allows the 200th activation and refuses the 201st with the time to retry', () => {
    expect(checkActivationLimit(done.slice(0, 199), T0 + 240_000)).toMatchObject({
      isAllowed: true,
      used: 199,
      retryAt: null,
    });

    const refused = checkActivationLimit(done, T0 + 250_000);
    expect(refused).toMatchObject({
      isAllowed: false,
      used: 200,
      retryAt: T0 + 300_000,
      code: 'RATE_LIMITED',
    });
    expect(refused.reason).toMatch(/limit of 200; retry at 2025-01-01T03:05:00Z/);
  });

  it('refuses the same call again in the same way, since a refusal is not recorded', () => {
    expect(checkActivationLimit(done, T0 + 250_000).retryAt).toBe(T0 + 300_000);
  });

  it('allows an activation once the first one has left the window', () => {
    expect(checkActivationLimit(done, T0 + 299_999).isAllowed).toBe(false);
    expect(checkActivationLimit(done, T0 + 300_000)).toMatchObject({ isAllowed: true, used: 199 });
    expect(checkActivationLimit(done, T0 + 301_000).isAllowed).toBe(true);
  });

  it('names the slot that frees first when more than the limit are counted', () => {
    const crowded = [...done, T0 + 241_000, T0 + 242_000];
    expect(checkActivationLimit(crowded, T0 + 250_000).retryAt).toBe(done[2]! + 300_000);
  });

  it('ignores timestamps outside the window and honours a custom limit', () => {
    const result = checkActivationLimit([T0 - 400_000, T0, T0 + 1], T0 + 10, 2, 60_000);
    expect(result).toMatchObject({ isAllowed: false, used: 2, retryAt: T0 + 60_000 });
  });
});
