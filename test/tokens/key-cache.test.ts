import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/engine/crypto/secret-box.js';
import { KeyCache, sealSeed } from '../../src/engine/tokens/key-cache.js';

describe('KeyCache', () => {
  it('evicts its oldest keys in a batch once full, and keeps the newest', () => {
    const box = SecretBox.fromKey(crypto.randomBytes(32));
    const cache = new KeyCache(box, 32);
    const sealed = Array.from({ length: 33 }, (_, id) =>
      sealSeed(box, Buffer.from(`seed of token ${id}`)),
    );

    const opened = sealed.map((seal, id) => cache.open(id, seal));
    // 33 keys in a cache of 32: the oldest sixteenth (2) went at once.
    expect(cache.size).toBe(31);
    expect(cache.open(32, sealed[32]!)).toBe(opened[32]);
    expect(cache.open(2, sealed[2]!)).toBe(opened[2]);
    expect(cache.open(0, sealed[0]!)).not.toBe(opened[0]);
    expect(cache.open(0, sealed[0]!).toString()).toBe('seed of token 0');
  });
});
