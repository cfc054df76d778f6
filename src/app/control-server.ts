// Serves the admin interface on a Unix socket in the data directory, owner-only (0600), so the
// CLI and `oathdesk attach` work while a server owns the directory.
import fs from 'node:fs';
import net from 'node:net';
import type { Logger } from '../engine/logger.js';
import type { AdminApi } from '../engine/admin-api.js';
import {
  ADMIN_METHODS,
  socketPath,
  toWireError,
  type ControlRequest,
  type ControlResponse,
} from './control-protocol.js';
import type { OwnerRuntime } from './owner-runtime.js';

const MAX_LINE_BYTES = 1024 * 1024;

/** How long a peer gets to hang up after the server ends its connection at close. */
const HANG_UP_GRACE_MS = 2000;

export class ControlServer {
  private constructor(
    private readonly server: net.Server,
    private readonly file: string,
    private readonly connections: Set<net.Socket>,
  ) {}

  static async listen(dataDir: string, runtime: OwnerRuntime, logger: Logger) {
    const file = socketPath(dataDir);
    // We hold the directory lock, so a socket file left here belongs to a dead owner.
    fs.rmSync(file, { force: true });

    const connections = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      connections.add(socket);
      socket.once('close', () => connections.delete(socket));
      serveConnection(socket, runtime, logger);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const previous = process.umask(0o177);
      server.listen(file, () => {
        process.umask(previous);
        server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(file, 0o600);
    return new ControlServer(server, file, connections);
  }

  /**
   * Stops taking connections and ends the open ones. An attached TUI holds its connection for
   * as long as it runs: without this, close would wait for it, and so would SIGTERM.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.connections) socket.end();
    // A peer that does not hang up (stopped, or stuck) must not hold the server.
    const giveUp = setTimeout(() => {
      for (const socket of this.connections) socket.destroy();
    }, HANG_UP_GRACE_MS);
    await closed;
    clearTimeout(giveUp);
    fs.rmSync(this.file, { force: true });
  }
}

function serveConnection(socket: net.Socket, runtime: OwnerRuntime, logger: Logger): void {
  let buffered = '';
  const admins = new Map<string, AdminApi>();
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());

  socket.on('data', (chunk: string) => {
    // Closing: a request read now could not be answered, so it is not run either.
    if (!socket.writable) return;
    buffered += chunk;
    if (buffered.length > MAX_LINE_BYTES) {
      logger.warn({ bytes: buffered.length }, 'control request too long; connection closed');
      socket.destroy();
      return;
    }
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) void answer(line);
      newline = buffered.indexOf('\n');
    }
  });

  async function answer(line: string): Promise<void> {
    let response: ControlResponse;
    let id = 0;
    try {
      const request = JSON.parse(line) as ControlRequest;
      id = request.id;
      if (!ADMIN_METHODS.includes(request.method))
        throw new Error(`unknown method ${request.method}`);
      const actor = String(request.actor ?? 'control:unknown');
      let admin = admins.get(actor);
      if (!admin) {
        admin = runtime.admin(actor);
        admins.set(actor, admin);
      }
      const method = admin[request.method] as (...args: unknown[]) => Promise<unknown>;
      const result = await method.apply(admin, request.args ?? []);
      response = { id, result: result ?? null };
    } catch (error) {
      response = { id, error: toWireError(error) };
    }
    if (socket.writable) socket.write(JSON.stringify(response) + '\n');
  }
}
