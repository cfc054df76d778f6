import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../src/engine/clock.js';
import { RetransmitCache, retransmitKey } from '../../src/server/retransmit-cache.js';

const auth = Buffer.alloc(16, 3);
const request = Buffer.from('request bytes');

describe('RetransmitCache', () => {
  it('replays the same response within the time to live and forgets it after', async () => {
    const clock = new ManualClock(1_000);
    const cache = new RetransmitCache<string>({ now: () => clock.now(), ttlMs: 5000 });
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    cache.remember(key, request, Promise.resolve('answer'));
    clock.advance(4999);
    const hit = cache.lookup(key, request);
    expect(hit.kind).toBe('hit');
    expect(hit.kind === 'hit' && (await hit.response)).toBe('answer');
    clock.advance(1);
    expect(cache.lookup(key, request).kind).toBe('miss');
  });

  it('keys on address, port, identifier and authenticator', () => {
    const cache = new RetransmitCache<string>({ now: () => 0 });
    cache.remember(retransmitKey('10.0.0.1', 4000, 7, auth), request, Promise.resolve('a'));
    const others = [
      retransmitKey('10.0.0.2', 4000, 7, auth),
      retransmitKey('10.0.0.1', 4001, 7, auth),
      retransmitKey('10.0.0.1', 4000, 8, auth),
      retransmitKey('10.0.0.1', 4000, 7, Buffer.alloc(16, 4)),
    ];
    for (const key of others) expect(cache.lookup(key, request).kind).toBe('miss');
  });

  it('reports a conflict when the key matches but the packet differs', () => {
    const cache = new RetransmitCache<string>({ now: () => 0 });
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    cache.remember(key, request, Promise.resolve('a'));
    expect(cache.lookup(key, Buffer.from('other bytes')).kind).toBe('conflict');
  });

  it('hands out the pending promise while the first answer is still being made', async () => {
    const cache = new RetransmitCache<string>({ now: () => 0 });
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    let finish: (value: string) => void = () => undefined;
    cache.remember(key, request, new Promise((resolve) => (finish = resolve)));
    const hit = cache.lookup(key, request);
    finish('late answer');
    expect(hit.kind === 'hit' && (await hit.response)).toBe('late answer');
  });

  it('stays within its bound by evicting the oldest entries', () => {
    const cache = new RetransmitCache<number>({ now: () => 0, maxEntries: 100 });
    for (let i = 0; i < 1000; i++) {
      cache.remember(retransmitKey('10.0.0.1', i, 1, auth), request, Promise.resolve(i));
    }
    expect(cache.size).toBe(100);
    expect(cache.lookup(retransmitKey('10.0.0.1', 999, 1, auth), request).kind).toBe('hit');
    expect(cache.lookup(retransmitKey('10.0.0.1', 0, 1, auth), request).kind).toBe('miss');
  });
});

describe('RetransmitCache expiry', () => {
  it('evicts expired entries behind a key that was remembered again', () => {
    const clock = new ManualClock(0);
    const cache = new RetransmitCache<number>({ now: () => clock.now(), ttlMs: 5000 });
    const a = retransmitKey('10.0.0.1', 1, 1, auth);
    const b = retransmitKey('10.0.0.1', 2, 1, auth);
    cache.remember(a, request, Promise.resolve(1));
    clock.set(1000);
    cache.remember(b, request, Promise.resolve(2));
    clock.set(3000);
    cache.remember(a, request, Promise.resolve(3));
    clock.set(6500);
    cache.remember(retransmitKey('10.0.0.1', 3, 1, auth), request, Promise.resolve(4));
    expect(cache.size).toBe(2);
    expect(cache.lookup(a, request).kind).toBe('hit');
    expect(cache.lookup(b, request).kind).toBe('miss');
  });

  it('keeps working across many generations of keys', () => {
    const clock = new ManualClock(0);
    const cache = new RetransmitCache<number>({ now: () => clock.now(), ttlMs: 10 });
    for (let i = 0; i < 20_000; i++) {
      clock.advance(1);
      cache.remember(retransmitKey('10.0.0.1', i % 300, 1, auth), request, Promise.resolve(i));
    }
    expect(cache.size).toBeLessThanOrEqual(11);
    const last = retransmitKey('10.0.0.1', 19_999 % 300, 1, auth);
    expect(cache.lookup(last, request).kind).toBe('hit');
  });
});
