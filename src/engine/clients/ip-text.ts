// IP address text to bytes and back, strictly: every spelling we accept names one address, and
// every address has one spelling out (dotted quad; IPv6 as RFC 5952 writes it). A refusal is a
// reason string that names the part at fault, for the admin's error message.

export type Parsed = { bytes: Uint8Array } | { reason: string };

const DECIMAL_PART = /^[0-9]{1,3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4Part(part: string): number | string {
  if (part === '') return 'it has an empty part between dots';
  if (/^0x/i.test(part)) return `'${part}' is hexadecimal: write the decimal number`;
  if (!DECIMAL_PART.test(part)) return `'${part}' is not a decimal number from 0 to 255`;
  const value = Number(part);
  if (value > 255) return `'${part}' is above 255`;

  // inet_aton() and the tools built on it read a leading zero as octal: 010 is 8 there and 10
  // elsewhere. Only where both readings agree (0 to 7) is the spelling unambiguous.
  if (part.length > 1 && part.startsWith('0') && value > 7) {
    const octal = /^[0-7]+$/.test(part) ? `${parseInt(part, 8)}` : 'not a number';
    return (
      `'${part}' has a leading zero: read as octal (as some systems do) it is ${octal}, ` +
      `as decimal ${value}; write the number meant without the zero`
    );
  }
  return value;
}

export function parseIPv4(text: string): Parsed {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return { reason: `an IPv4 address has 4 parts separated by dots, this has ${parts.length}` };
  }
  const bytes = new Uint8Array(4);
  for (const [index, part] of parts.entries()) {
    const value = parseIPv4Part(part);
    if (typeof value === 'string') return { reason: value };
    bytes[index] = value;
  }
  return { bytes };
}

/** The groups on one side of `::` (or of a whole address), the last one maybe dotted IPv4. */
function parseGroups(text: string, mayEndInIPv4: boolean): number[] | string {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (part.includes('.')) {
      if (!mayEndInIPv4 || index !== parts.length - 1) {
        return `dotted IPv4 ('${part}') may only be the last 32 bits`;
      }
      const v4 = parseIPv4(part);
      if ('reason' in v4) return `in '${part}': ${v4.reason}`;
      const [a = 0, b = 0, c = 0, d = 0] = v4.bytes;
      groups.push(a * 256 + b, c * 256 + d);
    } else if (part === '') {
      return "it has an empty group (a single ':' at the start or end, or ':::')";
    } else if (!HEX_GROUP.test(part)) {
      return `'${part}' is not a group of 1 to 4 hex digits`;
    } else {
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

export function parseIPv6(text: string): Parsed {
  if (text.includes('%')) {
    const zone = text.slice(text.indexOf('%'));
    return { reason: `a zone index ('${zone}') names an interface, not part of an address` };
  }
  if (text.startsWith('[') || text.endsWith(']')) {
    return { reason: 'write the address without brackets' };
  }
  const halves = text.split('::');
  if (halves.length > 2) return { reason: "'::' may appear only once" };

  const [head = '', tail] = halves;
  const left = parseGroups(head, tail === undefined);
  if (typeof left === 'string') return { reason: left };
  const right = tail === undefined ? [] : parseGroups(tail, true);
  if (typeof right === 'string') return { reason: right };

  const written = left.length + right.length;
  if (tail === undefined && written !== 8) {
    return { reason: `an IPv6 address has 8 groups of hex digits, this has ${written}` };
  }
  if (tail !== undefined && written > 7) {
    return { reason: `'::' stands for at least one group of zeros, but ${written} are written` };
  }
  const groups = [...left, ...Array<number>(8 - written).fill(0), ...right];
  const bytes = new Uint8Array(16);
  for (const [index, group] of groups.entries()) {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  }
  return { bytes };
}

export function formatIPv4(bytes: Uint8Array): string {
  return Array.from(bytes).join('.');
}

/** RFC 5952: lower case, no leading zeros, `::` for the first longest run of two or more. */
export function formatIPv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) {
    groups.push((bytes[index] ?? 0) * 256 + (bytes[index + 1] ?? 0));
  }

  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }

  const hex = (list: number[]) => list.map((group) => group.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  const before = hex(groups.slice(0, bestStart));
  const after = hex(groups.slice(bestStart + bestLength));
  return `${before}::${after}`;
}
