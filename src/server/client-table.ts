// Finds the NAS a datagram comes from: IPv4 addresses and CIDR blocks, IPv6 exact addresses (and
// blocks, through node's BlockList, which also normalises the many spellings of one address).

import { BlockList, isIPv4, isIPv6 } from 'node:net';

import type { MessageAuthenticatorMode } from '../engine/types.js';

export interface ClientRecord {
  name: string;
  /** An IP address or a CIDR block. */
  address: string;
  secret: Buffer | string;
  messageAuthenticator: MessageAuthenticatorMode;
}

export interface KnownClient {
  name: string;
  secret: Buffer;
  messageAuthenticator: MessageAuthenticatorMode;
}

interface V4Entry {
  client: KnownClient;
  network: number;
  mask: number;
  prefix: number;
}

interface V6Entry {
  client: KnownClient;
  list: BlockList;
  prefix: number;
}

/** Lookups are remembered; the memo is bounded so spoofed sources cannot grow it without end. */
const MEMO_LIMIT = 4096;

function ipv4ToInt(address: string): number {
  const parts = address.split('.');
  return (
    ((Number(parts[0]) << 24) |
      (Number(parts[1]) << 16) |
      (Number(parts[2]) << 8) |
      Number(parts[3])) >>>
    0
  );
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** An IPv4 address seen on a dual-stack socket arrives as `::ffff:a.b.c.d`. */
function unmapIPv4(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

export class ClientTable {
  private readonly v4: V4Entry[] = [];
  private readonly v6: V6Entry[] = [];
  private readonly memo = new Map<string, KnownClient | null>();
  /** Entries that could not be read; reported so that a typo does not silently lock a NAS out. */
  readonly invalid: { name: string; address: string }[] = [];

  constructor(records: readonly ClientRecord[]) {
    for (const record of records) this.add(record);
    // Most specific block first, so a /32 inside a /24 wins.
    this.v4.sort((a, b) => b.prefix - a.prefix);
    this.v6.sort((a, b) => b.prefix - a.prefix);
  }

  private add(record: ClientRecord): void {
    const client: KnownClient = {
      name: record.name,
      // Always a Buffer of the table's own: the codec keeps HMAC key state per secret Buffer,
      // which a caller changing its Buffer in place would otherwise leave stale.
      secret: Buffer.from(record.secret),
      messageAuthenticator: record.messageAuthenticator,
    };
    const [host = '', prefixText] = record.address.trim().split('/');
    const prefix = prefixText === undefined ? -1 : Number(prefixText);
    const isWholePrefix = prefixText === undefined || /^\d{1,3}$/.test(prefixText);
    if (isIPv4(host) && isWholePrefix && prefix <= 32) {
      const bits = prefix < 0 ? 32 : prefix;
      const mask = maskOf(bits);
      this.v4.push({ client, network: (ipv4ToInt(host) & mask) >>> 0, mask, prefix: bits });
    } else if (isIPv6(host) && isWholePrefix && prefix <= 128) {
      const list = new BlockList();
      const bits = prefix < 0 ? 128 : prefix;
      list.addSubnet(host, bits, 'ipv6');
      this.v6.push({ client, list, prefix: bits });
    } else {
      this.invalid.push({ name: record.name, address: record.address });
    }
  }

  match(sourceAddress: string): KnownClient | null {
    const remembered = this.memo.get(sourceAddress);
    if (remembered !== undefined) return remembered;
    const found = this.search(unmapIPv4(sourceAddress));
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(sourceAddress, found);
    return found;
  }

  private search(address: string): KnownClient | null {
    if (isIPv4(address)) {
      const value = ipv4ToInt(address);
      for (const entry of this.v4) {
        if ((value & entry.mask) >>> 0 === entry.network) return entry.client;
      }
      return null;
    }
    if (isIPv6(address)) {
      for (const entry of this.v6) if (entry.list.check(address, 'ipv6')) return entry.client;
    }
    return null;
  }
}
