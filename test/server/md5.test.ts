import { createHash, createHmac, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { hmacMd5Into, hmacMd5Key, md5Into } from '../../src/server/codec/md5.js';

describe('md5', () => {
  it('matches node:crypto for every length from 0 to 300 octets', () => {
    const data = randomBytes(300);
    const out = Buffer.alloc(16);
    for (let length = 0; length <= 300; length++) {
      md5Into(data, length, out);
      const expected = createHash('md5').update(data.subarray(0, length)).digest();
      expect(out.toString('hex'), `length ${length}`).toBe(expected.toString('hex'));
    }
  });

  it('gives the RFC 1321 test suite values', () => {
    const out = Buffer.alloc(16);
    md5Into(Buffer.from('abc'), 3, out);
    expect(out.toString('hex')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});

describe('hmacMd5', () => {
  it('matches node:crypto for short, block-sized and long keys', () => {
    const data = randomBytes(200);
    const out = Buffer.alloc(16);
    for (const keyLength of [0, 1, 10, 63, 64, 65, 200]) {
      const secret = randomBytes(keyLength);
      for (const length of [0, 20, 55, 56, 64, 119, 200]) {
        hmacMd5Into(hmacMd5Key(secret), data, length, out);
        const expected = createHmac('md5', secret).update(data.subarray(0, length)).digest();
        expect(out.equals(expected), `key ${keyLength}, data ${length}`).toBe(true);
      }
    }
  });
});
