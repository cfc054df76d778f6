// What `clients add --address` accepts, how it is stored, and the exact reason for a refusal.
import { describe, expect, it } from 'vitest';
import {
  parseClientAddress,
  storedClientAddress,
} from '../../src/engine/clients/client-address.js';
import { AdminError } from '../../src/engine/errors.js';

function refusal(input: string): { code: string; message: string; hint?: string } {
  try {
    parseClientAddress(input);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    return { code: error.code, message: error.message, hint: error.hint };
  }
  throw new Error(`'${input}' was accepted`);
}

describe('client addresses in canonical form', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    ['192.0.2.10/32', '192.0.2.10'],
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['192.0.2.0/024', '192.0.2.0/24'],
    ['127.000.0.001', '127.0.0.1'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0::1/128', '2001:db8::1'],
    ['2001:DB8:0::/32', '2001:db8::/32'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:1:0:0:1:0:0', '::1:0:0:1:0:0'],
    ['::', '::'],
    ['::/0', '::/0'],
    ['::1.2.3.4', '::102:304'],
    ['::ffff:192.0.2.9', '192.0.2.9'],
    ['::FFFF:C000:0209', '192.0.2.9'],
    ['::ffff:192.0.2.0/120', '192.0.2.0/24'],
    ['0:0:0:0:0:ffff:7f00:0/104', '127.0.0.0/8'],
  ])('stores %s as %s', (input, canonical) => {
    expect(parseClientAddress(input).text).toBe(canonical);
  });

  it('tells the family and prefix of what it parsed', () => {
    expect(parseClientAddress('::ffff:10.0.0.0/104')).toEqual({
      family: 4,
      prefix: 8,
      text: '10.0.0.0/8',
    });
    expect(parseClientAddress('2001:db8::1')).toEqual({
      family: 6,
      prefix: 128,
      text: '2001:db8::1',
    });
  });

  it.each([
    ['', 'no address is given'],
    ['vpn1.example.com', 'a host name is not accepted, only an address'],
    ['192.0.2', 'an IPv4 address has 4 parts separated by dots, this has 3'],
    ['2130706433', 'an IPv4 address has 4 parts separated by dots, this has 1'],
    ['192.0..2', 'it has an empty part between dots'],
    ['0x7f.0.0.1', "'0x7f' is hexadecimal: write the decimal number"],
    ['192.0.2.256', "'256' is above 255"],
    ['192.0.2.1a', "'1a' is not a decimal number from 0 to 255"],
    ['192.0.2.0001', "'0001' is not a decimal number from 0 to 255"],
    [
      '010.0.0.1',
      "'010' has a leading zero: read as octal (as some systems do) it is 8, as decimal 10; " +
        'write the number meant without the zero',
    ],
    [
      '192.0.2.09',
      "'09' has a leading zero: read as octal (as some systems do) it is not a number, " +
        'as decimal 9; write the number meant without the zero',
    ],
    ['192.0.2.0/', "nothing follows '/'"],
    ['192.0.2.0/33', "'/33' is not a prefix length from 0 to 32"],
    ['192.0.2.0/-1', "'/-1' is not a prefix length from 0 to 32"],
    ['192.0.2.0/ 24', "'/ 24' is not a prefix length from 0 to 32"],
    ['2001:db8::/129', "'/129' is not a prefix length from 0 to 128"],
    ['192.0.2.0/24/25', "it has more than one '/'"],
    ['fe80::1%eth0', "a zone index ('%eth0') names an interface, not part of an address"],
    ['[2001:db8::1]', 'write the address without brackets'],
    ['2001:db8::1::2', "'::' may appear only once"],
    ['2001:db8:1:2:3:4:5', 'an IPv6 address has 8 groups of hex digits, this has 7'],
    ['1:2:3:4:5:6:7:8:9', 'an IPv6 address has 8 groups of hex digits, this has 9'],
    ['1:2:3:4:5:6:7::8', "'::' stands for at least one group of zeros, but 8 are written"],
    ['2001:db8::12345', "'12345' is not a group of 1 to 4 hex digits"],
    ['2001:db8::g', "'g' is not a group of 1 to 4 hex digits"],
    [':2001:db8::1', "it has an empty group (a single ':' at the start or end, or ':::')"],
    ['2001:db8:::1', "it has an empty group (a single ':' at the start or end, or ':::')"],
    ['1.2.3.4::', "dotted IPv4 ('1.2.3.4') may only be the last 32 bits"],
    ['::ffff:1.2.3', "in '1.2.3': an IPv4 address has 4 parts separated by dots, this has 3"],
  ])("refuses '%s': %s", (input, reason) => {
    expect(refusal(input)).toEqual({
      code: 'CLIENT_ADDRESS_INVALID',
      message: `'${input}' is not an IP address or CIDR block: ${reason}`,
      hint: 'give e.g. 192.0.2.10, 192.0.2.0/24, 2001:db8::1 or 2001:db8::/64',
    });
  });

  it.each([
    ['10.0.0.5/24', '10.0.0.0/24', '10.0.0.5', 24],
    ['127.0.0.1/8', '127.0.0.0/8', '127.0.0.1', 8],
    ['2001:db8::5/64', '2001:db8::/64', '2001:db8::5', 64],
    ['::ffff:10.0.0.5/120', '10.0.0.0/24', '10.0.0.5', 24],
  ])('refuses %s, which has host bits set, naming the network %s', (input, net, one, bits) => {
    expect(refusal(input)).toEqual({
      code: 'CLIENT_ADDRESS_HOST_BITS',
      message: `'${input}' has host bits set: the /${bits} network is ${net}`,
      hint: `give ${net} for the network, or ${one} for the one address`,
    });
  });

  it('reads an address stored before normalisation as the network it always matched', () => {
    expect(storedClientAddress('192.0.2.9/24')).toBe('192.0.2.0/24');
    expect(storedClientAddress('2001:DB8::5/64')).toBe('2001:db8::/64');
    expect(storedClientAddress('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(storedClientAddress(' 192.0.2.9 ')).toBe('192.0.2.9');
    // Kept as typed: the RADIUS client table reads these as it always did.
    expect(storedClientAddress('fe80::1%eth0')).toBe('fe80::1%eth0');
  });
});
