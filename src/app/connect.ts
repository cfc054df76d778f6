// How a CLI command reaches the engine: through the control socket of the process that owns the
// data directory, or, when none runs, by owning the directory itself for the command's duration.
import fs from 'node:fs';
import type { AdminApi } from '../engine/admin-api.js';
import { AdminError, EXIT } from '../engine/errors.js';
import type { UploadSummary } from '../engine/types.js';
import { socketPath } from './control-protocol.js';
import { OwnerRuntime } from './owner-runtime.js';
import { connectSocket, remoteAdmin } from './remote-admin.js';

export interface Connection {
  admin: AdminApi;
  /** The runtime when this process owns the data directory; null through the socket. */
  runtime: OwnerRuntime | null;
  /**
   * Uploads queued or interrupted that nobody processes while this command runs: it owns the
   * directory and has not queued an upload itself. Empty through the socket (the owner does).
   */
  waitingUploads(): UploadSummary[];
  /** Waits for queued uploads (when this process processes them) and lets go. */
  close(): Promise<void>;
}

const RETRY_MS = 200;
const PATIENCE_MS = 5000;

async function tryRemote(dataDir: string, actor: string): Promise<Connection | null> {
  const file = socketPath(dataDir);
  if (!fs.existsSync(file)) return null;
  try {
    const socket = await connectSocket(file);
    const remote = remoteAdmin(socket, actor);
    return {
      admin: remote.admin,
      runtime: null,
      waitingUploads: () => [],
      close: async () => remote.close(),
    };
  } catch {
    return null; // a socket file left by a process that died
  }
}

export async function connect(dataDir: string, actor: string): Promise<Connection> {
  const deadline = Date.now() + PATIENCE_MS;

  for (;;) {
    const remote = await tryRemote(dataDir, actor);
    if (remote) return remote;

    try {
      // A command must not spend minutes, and write, finishing an upload it did not ask for.
      const runtime = await OwnerRuntime.start({ dataDir, listen: null, resumesUploads: false });
      return {
        admin: runtime.admin(actor),
        runtime,
        waitingUploads: () => runtime.engine.uploads.waiting(),
        close: async () => {
          await runtime.engine.uploads.whenIdle();
          await runtime.close();
        },
      };
    } catch (error) {
      // The owner may be starting up and not listen yet: give it a moment.
      const isBusy = error instanceof AdminError && error.code === 'DATA_DIR_IN_USE';
      if (!isBusy || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

export function assertNoOwner(dataDir: string): void {
  if (fs.existsSync(socketPath(dataDir))) {
    throw new AdminError(
      'DATA_DIR_IN_USE',
      `data directory ${dataDir} is served by a running oathdesk`,
      EXIT.unavailable,
      'stop it first (oathdesk serve or the TUI)',
    );
  }
}
