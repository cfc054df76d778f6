import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/engine/crypto/secret-box.js';

describe('sealing seeds on a worker thread', () => {
  it('seals what the box opens, with a fresh IV for every seed and the purpose bound', async () => {
    const box = SecretBox.fromKey(crypto.randomBytes(32));
    const worker = box.sealWorker();
    try {
      const seeds = Array.from({ length: 300 }, (_, i) => crypto.randomBytes(10 + (i % 50)));
      const sealed = await worker.seal(seeds, 'seed');

      expect(sealed).toHaveLength(seeds.length);
      sealed.forEach((value, i) => {
        expect(value.length).toBe(12 + 16 + (seeds[i] as Buffer).length);
        expect(box.open(value, 'seed').equals(seeds[i] as Buffer)).toBe(true);
      });
      const ivs = new Set(sealed.map((value) => value.subarray(0, 12).toString('hex')));
      expect(ivs.size).toBe(seeds.length);
      expect(() => box.open(sealed[0] as Buffer, 'radius-client')).toThrow(/cannot be decrypted/);
    } finally {
      await worker.close();
    }
  });

  it('leaves the seeds it was given to their owner and answers requests in order', async () => {
    const box = SecretBox.fromKey(crypto.randomBytes(32));
    const worker = box.sealWorker();
    try {
      const first = [crypto.randomBytes(20)];
      const second = [crypto.randomBytes(20), crypto.randomBytes(32)];
      const copy = Buffer.from(first[0] as Buffer);
      const [a, b] = await Promise.all([worker.seal(first, 'seed'), worker.seal(second, 'seed')]);
      expect((first[0] as Buffer).equals(copy)).toBe(true);
      expect(box.open(a?.[0] as Buffer, 'seed').equals(copy)).toBe(true);
      expect(box.open(b?.[1] as Buffer, 'seed').equals(second[1] as Buffer)).toBe(true);
    } finally {
      await worker.close();
    }
  });
});
