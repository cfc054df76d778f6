import { describe, expect, it } from 'vitest';
import { usageLine } from '../../src/tui/screens/tokens/token-dialogs.js';

const T0 = Date.parse('2026-12-03T16:08:20Z');
const usage = { limit: 200, windowSeconds: 300, nextSlotAt: T0 + 300_000 };

describe('the activation usage line', () => {
  it('does not say when a slot frees while slots are free', () => {
    expect(usageLine({ ...usage, used: 1 })).toBe('Activations: 1/200 in the last 5 min');
    expect(usageLine({ ...usage, used: 199 })).toBe('Activations: 199/200 in the last 5 min');
  });

  it('says when the next slot frees once every slot is used', () => {
    expect(usageLine({ ...usage, used: 200 })).toBe(
      'Activations: 200/200 in the last 5 min, next slot frees at 16:13:20',
    );
  });
});
