// A RADIUS client's address or network, parsed and written one way only, so that two spellings
// of one network are seen as one: `2001:DB8:0::/32` is `2001:db8::/32`, `::ffff:192.0.2.9` is
// `192.0.2.9`, and `192.0.2.9/32` is `192.0.2.9` (a single address is stored without a prefix).
import { AdminError, EXIT } from '../errors.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6, type Parsed } from './ip-text.js';

export interface ClientNetwork {
  family: 4 | 6;
  prefix: number;
  /** The canonical spelling: what is stored, listed and compared. */
  text: string;
}

const EXAMPLES = 'give e.g. 192.0.2.10, 192.0.2.0/24, 2001:db8::1 or 2001:db8::/64';
/** `::ffff:0:0/96`: how a dual-stack socket writes an IPv4 source. */
const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function invalid(input: string, reason: string): AdminError {
  const message = `'${input}' is not an IP address or CIDR block: ${reason}`;
  return new AdminError('CLIENT_ADDRESS_INVALID', message, EXIT.usage, EXAMPLES);
}

function parseHost(host: string): Parsed {
  if (host === '') return { reason: 'no address is given' };
  if (host.includes(':')) return parseIPv6(host);
  // A name would be resolved once and then silently go stale; RADIUS matches source addresses.
  if (/^[a-z]/i.test(host)) return { reason: 'a host name is not accepted, only an address' };
  return parseIPv4(host);
}

function parsePrefix(text: string | undefined, bits: number): number | string {
  if (text === undefined) return bits;
  if (text === '') return "nothing follows '/'";
  const prefix = /^[0-9]{1,3}$/.test(text) ? Number(text) : -1;
  if (prefix < 0 || prefix > bits) return `'/${text}' is not a prefix length from 0 to ${bits}`;
  return prefix;
}

/** An IPv4-mapped address (or block of them) is the IPv4 address (or block). */
function unmapped(bytes: Uint8Array, prefix: number): { bytes: Uint8Array; prefix: number } {
  const isMapped = bytes.length === 16 && MAPPED_PREFIX.every((byte, at) => bytes[at] === byte);
  if (!isMapped || prefix < 96) return { bytes, prefix };
  return { bytes: bytes.slice(12), prefix: prefix - 96 };
}

function withHostBitsCleared(bytes: Uint8Array, prefix: number): Uint8Array {
  const network = bytes.slice();
  for (let bit = prefix; bit < network.length * 8; bit++) {
    network[bit >> 3] = (network[bit >> 3] ?? 0) & ~(0x80 >> (bit & 7));
  }
  return network;
}

function spell(bytes: Uint8Array, prefix: number): string {
  const address = bytes.length === 4 ? formatIPv4(bytes) : formatIPv6(bytes);
  return prefix === bytes.length * 8 ? address : `${address}/${prefix}`;
}

/**
 * Parses what an admin typed. A block with host bits set (`10.0.0.5/24`) is refused naming its
 * network, since it is as likely a mistyped single address as a network; `maskHostBits` takes
 * the network instead, for entries stored before this check existed.
 */
export function parseClientAddress(
  input: string,
  options: { maskHostBits?: boolean } = {},
): ClientNetwork {
  const [host = '', prefixText, ...extra] = input.split('/');
  if (extra.length > 0) throw invalid(input, "it has more than one '/'");
  const parsed = parseHost(host);
  if ('reason' in parsed) throw invalid(input, parsed.reason);
  const prefix = parsePrefix(prefixText, parsed.bytes.length * 8);
  if (typeof prefix === 'string') throw invalid(input, prefix);

  const written = unmapped(parsed.bytes, prefix);
  const network = withHostBitsCleared(written.bytes, written.prefix);
  const text = spell(network, written.prefix);
  if (!options.maskHostBits && network.some((byte, at) => byte !== written.bytes[at])) {
    const one = unmapped(parsed.bytes, parsed.bytes.length * 8);
    const single = spell(one.bytes, one.bytes.length * 8);
    throw new AdminError(
      'CLIENT_ADDRESS_HOST_BITS',
      `'${input}' has host bits set: the /${written.prefix} network is ${text}`,
      EXIT.usage,
      `give ${text} for the network, or ${single} for the one address`,
    );
  }
  return { family: network.length === 4 ? 4 : 6, prefix: written.prefix, text };
}

/**
 * The canonical spelling of an address already in the database. Entries stored before addresses
 * were normalised may carry host bits or any IPv6 spelling: they get the network they have always
 * matched. One this parser cannot read (an IPv6 zone index) is left as typed, as before.
 */
export function storedClientAddress(stored: string): string {
  try {
    return parseClientAddress(stored.trim(), { maskHostBits: true }).text;
  } catch {
    return stored;
  }
}
