// Text from outside shown on a terminal: control characters become visible escapes, the rest stays.
import { describe, expect, it } from 'vitest';

import { printable } from '../../src/engine/printable.js';

describe('printable', () => {
  it.each([
    ['\x1b[31mEVIL\x1b[0m', '\\u001B[31mEVIL\\u001B[0m'],
    ['\x1b]0;vendor\x07Acme', '\\u001B]0;vendor\\u0007Acme'],
    ['a\tb\nc\rd', 'a\\tb\\nc\\rd'],
    ['\x00\x1f\x7f', '\\u0000\\u001F\\u007F'],
    ['\u0080\u009b2J\u009f', '\\u0080\\u009B2J\\u009F'],
  ])('escapes the controls in %j', (input, shown) => {
    expect(printable(input)).toBe(shown);
  });

  it('leaves printable ASCII and other Unicode exactly as they are', () => {
    const text = 'Jürgen Öberg <jø@contoso.com> ~ \u00a0\u00a0 😀 \u200b 名前';

    expect(printable(text)).toBe(text);
  });

  it('escapes the same text the same way every time (no regex state carried over)', () => {
    expect([printable('a\x1bb'), printable('a\x1bb')]).toEqual(['a\\u001Bb', 'a\\u001Bb']);
  });
});
