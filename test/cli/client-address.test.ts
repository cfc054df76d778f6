// `clients add --address` through the real CLI: the address is stored in canonical form, another
// spelling of a taken network is refused, and the real radclient is matched to the client.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir, type RunningServer } from '../support/cli.js';
import { radclient } from '../support/radclient.js';

const NAS_SECRET = 'address-test-shared-secret';
let dataDir: string;
let secretFile: string;
let server: RunningServer | null = null;

const addClient = (name: string, address: string, ...more: string[]) =>
  runCli(dataDir, [
    'clients',
    'add',
    name,
    '--address',
    address,
    '--secret-file',
    secretFile,
    ...more,
  ]);

beforeAll(() => {
  dataDir = tempDataDir();
  secretFile = path.join(dataDir, 'nas.secret');
  fs.writeFileSync(secretFile, NAS_SECRET + '\n');
});

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('client addresses on the command line', () => {
  it('stores an IPv4-mapped IPv6 spelling as the IPv4 address', async () => {
    const added = await addClient('loopback', '::FFFF:7F00:1');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^added client loopback \(127\.0\.0\.1, Message-Authenticator/);

    const listed = await runCli(dataDir, ['clients', '--json']);
    const clients = JSON.parse(listed.stdout) as { name: string; address: string }[];
    expect(clients.map((client) => [client.name, client.address])).toEqual([
      ['loopback', '127.0.0.1'],
    ]);
  });

  it('refuses another spelling of the same address, naming the client that has it', async () => {
    const result = await addClient('twin', '127.000.0.1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[CLIENT_ADDRESS_TAKEN]');
    expect(result.stderr).toContain("client 'loopback' already has 127.0.0.1");
  });

  it('stores an IPv6 network in RFC 5952 form and refuses it spelt another way', async () => {
    const added = await addClient('site6', '2001:0DB8:0000:0000::/64', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'site6', address: '2001:db8::/64' });

    const again = await addClient('site6b', '2001:db8:0:0:0:0:0:0/64');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("client 'site6' already has 2001:db8::/64");
  });

  it('refuses a block with host bits set, naming its network, under --json too', async () => {
    const result = await addClient('wide', '127.0.0.1/8', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toEqual({
      error: {
        code: 'CLIENT_ADDRESS_HOST_BITS',
        message: "'127.0.0.1/8' has host bits set: the /8 network is 127.0.0.0/8",
        hint: 'give 127.0.0.0/8 for the network, or 127.0.0.1 for the one address',
      },
    });
  });

  it('refuses a leading zero that octal would read otherwise, with the reason', async () => {
    const result = await addClient('octal', '127.0.0.010');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[CLIENT_ADDRESS_INVALID]');
    expect(result.stderr).toContain(
      "'010' has a leading zero: read as octal (as some systems do) it is 8, as decimal 10",
    );
  });

  it('answers the real radclient from 127.0.0.1 as the client added as ::FFFF:7F00:1', async () => {
    server = await startServer(dataDir);
    const status = await radclient(
      server.port,
      NAS_SECRET,
      'Message-Authenticator = 0x00',
      'status',
    );
    expect(status.output).toContain('Access-Accept');
    expect(status.code).toBe(0);

    const listed = await runCli(dataDir, ['clients', '--json']);
    const clients = JSON.parse(listed.stdout) as { name: string; requests: number }[];
    expect(clients.find((client) => client.name === 'loopback')?.requests).toBe(1);
  });
});
