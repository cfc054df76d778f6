// `oathdesk serve` with real peers: the CLI reaches it through the control socket, and radclient
// signs in with codes from oathtool. No test sleeps for a TOTP step: the token is activated with
// the previous step's code, so the current one is fresh for the sign-in.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  oathtool,
  runCli,
  startServer,
  tempDataDir,
  type RunningServer,
} from '../support/cli.js';
import { TmuxSession } from '../support/tmux.js';
import { papRequest, radclient } from '../support/radclient.js';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const NAS_SECRET = 'testing-shared-secret-123';
let dataDir: string;
let work: string;
let server: RunningServer;

const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  dataDir = tempDataDir();
  work = tempDataDir('oathdesk-files-');
  server = await startServer(dataDir);

  fs.writeFileSync(
    path.join(work, 'users.csv'),
    'upn,display name,user type\nbo@contoso.com,Bo,member\ncy@contoso.com,Cy,member\n',
  );
  fs.writeFileSync(path.join(work, 'nas.secret'), NAS_SECRET + '\n');
  expect((await runCli(dataDir, ['users', 'import', path.join(work, 'users.csv')])).code).toBe(0);
  const add = await runCli(dataDir, [
    'clients',
    'add',
    'local',
    '--address',
    '127.0.0.0/8',
    '--secret-file',
    path.join(work, 'nas.secret'),
  ]);
  expect(add.code).toBe(0);
  expect((await runCli(dataDir, ['usernames', '--netbios', 'CONTOSO=contoso.com'])).code).toBe(0);
});

afterAll(async () => {
  expect(await server.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

async function activateWithPreviousStep(serial: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const code = await oathtool(SECRET, nowSeconds() - 30);
    const result = await runCli(dataDir, ['activate', serial, code]);
    if (result.code === 0) return;
    // A step boundary passed between oathtool and the server: try once more.
  }
  throw new Error(`could not activate ${serial}`);
}

/** SIGTERM, then the exit code; fails when the server is still running after `ms`. */
async function stopWithin(running: RunningServer, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`serve still running ${ms} ms after SIGTERM`)), ms);
  });
  try {
    return await Promise.race([running.stop(), late]);
  } finally {
    clearTimeout(timer);
    running.child.kill('SIGKILL');
  }
}

describe('oathdesk serve', () => {
  it('refuses a second owner of the data directory while it runs', async () => {
    const second = await runCli(dataDir, ['serve', '--listen', '127.0.0.1:0']);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/in use/);
  });

  it('takes an upload through the control socket and signs the token in over RADIUS', async () => {
    const file = path.join(work, 'tokens.csv');
    fs.writeFileSync(
      file,
      'upn,serial number,secret key,time interval,manufacturer,model\n' +
        `bo@contoso.com,7001,${SECRET},30,Contoso,HardwareKey\n`,
    );
    const upload = await runCli(dataDir, ['upload', file, '--wait']);
    expect(upload.stdout).toContain('completed');
    expect(upload.code).toBe(0);
    await activateWithPreviousStep('7001');

    const code = await oathtool(SECRET);
    const accept = await radclient(server.port, NAS_SECRET, papRequest('bo@contoso.com', code));
    expect(accept.output).toContain('Access-Accept');
    expect(accept.code).toBe(0);

    const replay = await radclient(server.port, NAS_SECRET, papRequest('bo@contoso.com', code));
    expect(replay.output).toContain('Access-Reject');
    expect(replay.code).toBe(1);
  });

  it('maps DOMAIN\\name through the configured NetBIOS name', async () => {
    const audit = await runCli(dataDir, ['audit', '--user', 'bo@contoso.com', '--json']);
    expect(audit.code).toBe(0);
    const wrong = await radclient(server.port, NAS_SECRET, papRequest('CONTOSO\\bo', '000000'));
    expect(wrong.output).toContain('Access-Reject');

    const entries = JSON.parse(
      (await runCli(dataDir, ['audit', '--user', 'bo@contoso.com', '--json'])).stdout,
    ) as { reason: string }[];
    expect(entries.length).toBeGreaterThan(JSON.parse(audit.stdout).length);
  });

  it('answers Status-Server and shows the client figures', async () => {
    const status = await radclient(
      server.port,
      NAS_SECRET,
      'Message-Authenticator = 0x00',
      'status',
    );
    expect(status.output).toContain('Access-Accept');

    const clients = JSON.parse((await runCli(dataDir, ['clients', '--json'])).stdout) as {
      name: string;
      requests: number;
      sendsMessageAuthenticator: boolean;
    }[];
    expect(clients[0]).toMatchObject({ name: 'local', sendsMessageAuthenticator: true });
    expect(clients[0]!.requests).toBeGreaterThan(0);
  });

  it('drops a request without Message-Authenticator from a client that requires it', async () => {
    const code = await oathtool(SECRET);
    const result = await radclient(
      server.port,
      NAS_SECRET,
      `User-Name = "bo@contoso.com", User-Password = "${code}"`,
    );
    expect(result.output).not.toContain('Access-Accept');
    expect(result.output).not.toContain('Access-Reject');
  });

  it('lets an attached TUI go with CONTROL_CLOSED when the server stops under it', async () => {
    const other = tempDataDir();
    const running = await startServer(other);
    const tui = new TmuxSession(`node ${BIN} --data ${other} attach; echo EXIT=$?; sleep 60`, {
      cwd: work,
    });
    try {
      await tui.waitFor('attached');
      running.child.kill('SIGKILL');
      const screen = await tui.waitFor('EXIT=4');
      expect(screen).toContain('[CONTROL_CLOSED]');
    } finally {
      tui.kill();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM with a TUI attached, and the TUI says the server stopped', async () => {
    const other = tempDataDir();
    const running = await startServer(other);
    const tui = new TmuxSession(`node ${BIN} --data ${other} attach; echo EXIT=$?; sleep 60`, {
      cwd: work,
    });
    try {
      await tui.waitFor('attached');
      expect(await stopWithin(running, 5000)).toBe(0);
      const screen = await tui.waitFor('EXIT=4');
      expect(screen).toContain('[CONTROL_CLOSED]');
      // The lock is released: a command opens the directory itself.
      expect((await runCli(other, ['users', '--json'])).stdout).toBe('[]\n');
    } finally {
      tui.kill();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM while a control connection is held open, and ends it', async () => {
    const other = tempDataDir();
    const running = await startServer(other);
    const socket = net.connect(path.join(other, 'oathdesk.sock'));
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      const ended = new Promise((resolve) => socket.once('end', resolve));
      expect(await stopWithin(running, 5000)).toBe(0);
      await ended;
    } finally {
      socket.destroy();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it("names only the admin's path for a missing file or a directory in the TUI", async () => {
    const missing = path.join(work, 'missing.csv');
    const tui = new TmuxSession(`node ${BIN} --data ${dataDir} attach`, { cwd: work });
    try {
      await tui.waitFor('Press ? for help');
      tui.send('1');
      await tui.waitFor('u upload');
      tui.send('u');
      await tui.waitFor('Path');
      tui.send('C-u');
      tui.send(missing, { literal: true });
      tui.send('Enter');
      let screen = await tui.waitFor(`cannot open ${missing}: ENOENT (check the`);
      expect(screen).not.toContain(path.join(dataDir, 'uploads'));
      expect(screen).not.toContain('copyfile');

      tui.send('C-u');
      tui.send(work, { literal: true });
      tui.send('Enter');
      screen = await tui.waitFor(`cannot read ${work}: EISDIR (check that`);
      expect(screen).not.toContain(path.join(dataDir, 'uploads'));
    } finally {
      tui.kill();
    }
  });

  it('refuses a bad --listen before it creates or opens the data directory', async () => {
    const fresh = path.join(work, 'never-created');
    const created = await runCli(fresh, ['serve', '--listen', 'localhost:99999']);
    expect(created.code).toBe(2);
    expect(created.stderr).toContain('[LISTEN_INVALID]');
    expect(fs.existsSync(fresh)).toBe(false);

    const existing = tempDataDir();
    try {
      const refused = await runCli(existing, ['serve', '--listen', 'nope']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('[LISTEN_INVALID]');
      expect(fs.readdirSync(existing)).toEqual([]);
    } finally {
      fs.rmSync(existing, { recursive: true, force: true });
    }
  });

  it('leaves no new data directory behind when its port is taken', async () => {
    const fresh = path.join(work, 'port-taken');
    const taken = await runCli(fresh, ['serve', '--listen', `127.0.0.1:${server.port}`]);
    expect(taken.code).toBe(4);
    expect(taken.stderr).toContain('[LISTEN_FAILED]');
    expect(fs.existsSync(fresh)).toBe(false);

    const empty = tempDataDir();
    try {
      const refused = await runCli(empty, ['serve', '--listen', `127.0.0.1:${server.port}`]);
      expect(refused.code).toBe(4);
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('never prints the shared secret', async () => {
    const clients = await runCli(dataDir, ['clients', '--json']);
    expect(clients.stdout).not.toContain(NAS_SECRET);
    const log = fs.readFileSync(path.join(dataDir, 'oathdesk.log'), 'utf8');
    expect(log).not.toContain(NAS_SECRET);
    expect(log).not.toContain(SECRET);
  });
});
