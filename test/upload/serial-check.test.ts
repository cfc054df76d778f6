import { describe, expect, it } from 'vitest';
import { checkSerial } from '../../src/engine/upload/row-check.js';

describe('the serial check', () => {
  it('says a serial with a line break is refused for the line break, on one line', () => {
    const failure = checkSerial('HX-1\nHX-2');
    expect(failure).toMatchObject({
      code: 'SERIAL_INVALID',
      reason: "serial number 'HX-1\\nHX-2' contains a line break, which a serial may not",
    });
    expect(failure?.hint).toContain('remove the character');
  });

  it('names a tab and any other control character by its code point', () => {
    expect(checkSerial('HX\t1')?.reason).toContain("'HX\\t1' contains a tab");
    expect(checkSerial('HX\u00011')?.reason).toContain('contains control character U+0001');
  });

  it('gives the length of an over-long serial and the limit', () => {
    expect(checkSerial('A'.repeat(130))?.reason).toContain('is 130 characters long; at most 128');
  });

  it('accepts an ordinary serial', () => {
    expect(checkSerial('00123456')).toBeNull();
  });
});
