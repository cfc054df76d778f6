import { describe, expect, it } from 'vitest';

import { RetransmitCache, retransmitKey } from '../../src/server/retransmit-cache.js';

const auth = Buffer.alloc(16, 3);
const request = Buffer.from('request bytes');

function remembered<T>(cache: RetransmitCache<T>, key: string, value: T, now = 0) {
  const entry = cache.remember(key, request, now);
  entry.settle(Buffer.from(`response ${String(value)}`), value);
  return entry;
}

describe('RetransmitCache', () => {
  it('replays the same answer within the time to live and forgets it after', () => {
    const cache = new RetransmitCache<string>({ ttlMs: 5000 });
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    remembered(cache, key, 'answer', 1_000);
    const hit = cache.lookup(key, request, 5_999);
    expect(typeof hit === 'object' && hit.report).toBe('answer');
    expect(cache.lookup(key, request, 6_000)).toBe('miss');
  });

  it('keys on address, port, identifier and authenticator', () => {
    const cache = new RetransmitCache<string>();
    remembered(cache, retransmitKey('10.0.0.1', 4000, 7, auth), 'a');
    const others = [
      retransmitKey('10.0.0.2', 4000, 7, auth),
      retransmitKey('10.0.0.1', 4001, 7, auth),
      retransmitKey('10.0.0.1', 4000, 8, auth),
      retransmitKey('10.0.0.1', 4000, 7, Buffer.alloc(16, 4)),
    ];
    for (const key of others) expect(cache.lookup(key, request, 0)).toBe('miss');
  });

  it('gives distinct keys where address, port and Identifier could run into each other', () => {
    const keys = [
      retransmitKey('10.0.0.1', 0x0102, 3, auth),
      retransmitKey('10.0.0.1', 0x0201, 3, auth),
      retransmitKey('10.0.0.1', 0x0103, 2, auth),
      retransmitKey('10.0.0.11', 0x0102, 3, auth),
      retransmitKey('10.0.0.1\u0001', 0x0203, 3, auth),
      retransmitKey('::1', 1812, 3, auth),
      retransmitKey('::ffff:10.0.0.1', 1812, 3, auth),
      retransmitKey('\u00e9', 1, 3, auth),
      retransmitKey('\u00e9\u0000', 1, 3, auth),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(retransmitKey('10.0.0.1', 0x0102, 3, Buffer.from(auth))).toBe(keys[0]);
  });

  it('reports a conflict when the key matches but the packet differs', () => {
    const cache = new RetransmitCache<string>();
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    remembered(cache, key, 'a');
    expect(cache.lookup(key, Buffer.from('other bytes'), 0)).toBe('conflict');
  });

  it('tells a packet changed in any one octet, and knows the same bytes in another buffer', () => {
    const cache = new RetransmitCache<string>();
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    const packet = Buffer.alloc(120, 0x5a);
    cache.remember(key, packet, 0).settle(Buffer.from('response a'), 'a');

    for (let at = 0; at < packet.length; at++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const changed = Buffer.from(packet);
        changed[at] = (changed[at] as number) ^ flip;
        expect(cache.lookup(key, changed, 0)).toBe('conflict');
      }
    }
    expect(cache.lookup(key, packet.subarray(0, 119), 0)).toBe('conflict');
    expect(cache.lookup(key, Buffer.concat([packet, Buffer.alloc(1)]), 0)).toBe('conflict');
    expect(cache.lookup(key, Buffer.from(packet), 0)).not.toBe('conflict');
  });

  it('hands the answer to whoever waits while it is still being made, once settled', () => {
    const cache = new RetransmitCache<string>();
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    const entry = cache.remember(key, request, 0);
    const seen: string[] = [];
    const hit = cache.lookup(key, request, 0);
    if (typeof hit !== 'object') throw new Error(`expected a pending entry, got ${hit}`);
    expect(hit.report).toBeUndefined();
    hit.whenSettled((response, report) => seen.push(`first ${report} ${response?.toString()}`));
    hit.whenSettled((_, report) => seen.push(`second ${report}`));
    expect(seen).toEqual([]);
    entry.settle(Buffer.from('bytes'), 'late answer');
    expect(seen).toEqual(['first late answer bytes', 'second late answer']);
    hit.whenSettled((_, report) => seen.push(`after ${report}`));
    expect(seen).toHaveLength(3);
  });

  it('forgets an entry only while its key still names it', () => {
    const cache = new RetransmitCache<string>();
    const key = retransmitKey('10.0.0.1', 4000, 7, auth);
    const stale = remembered(cache, key, 'first');
    const fresh = remembered(cache, key, 'second');
    cache.forget(key, stale);
    expect(cache.lookup(key, request, 0)).toBe(fresh);
    cache.forget(key, fresh);
    expect(cache.lookup(key, request, 0)).toBe('miss');
  });

  it('stays within its bound by evicting the oldest entries', () => {
    const cache = new RetransmitCache<number>({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) remembered(cache, retransmitKey('10.0.0.1', i, 1, auth), i);
    expect(cache.size).toBe(100);
    const newest = cache.lookup(retransmitKey('10.0.0.1', 999, 1, auth), request, 0);
    expect(typeof newest === 'object' && newest.report).toBe(999);
    expect(cache.lookup(retransmitKey('10.0.0.1', 0, 1, auth), request, 0)).toBe('miss');
  });
});

describe('RetransmitCache expiry', () => {
  it('evicts expired entries behind a key that was remembered again', () => {
    const cache = new RetransmitCache<number>({ ttlMs: 5000 });
    const a = retransmitKey('10.0.0.1', 1, 1, auth);
    const b = retransmitKey('10.0.0.1', 2, 1, auth);
    remembered(cache, a, 1, 0);
    remembered(cache, b, 2, 1000);
    remembered(cache, a, 3, 3000);
    remembered(cache, retransmitKey('10.0.0.1', 3, 1, auth), 4, 6500);
    expect(cache.size).toBe(2);
    const hit = cache.lookup(a, request, 6500);
    expect(typeof hit === 'object' && hit.report).toBe(3);
    expect(cache.lookup(b, request, 6500)).toBe('miss');
  });

  it('keeps working across many generations of keys', () => {
    const cache = new RetransmitCache<number>({ ttlMs: 10 });
    for (let i = 0; i < 20_000; i++) {
      remembered(cache, retransmitKey('10.0.0.1', i % 300, 1, auth), i, i + 1);
    }
    expect(cache.size).toBeLessThanOrEqual(11);
    const last = cache.lookup(retransmitKey('10.0.0.1', 19_999 % 300, 1, auth), request, 20_000);
    expect(typeof last === 'object' && last.report).toBe(19_999);
  });
});
