// Connects the RADIUS server to the engine: clients from the store, codes to the token service,
// outcomes to the live metrics, the log and (for rejects decided by the server itself) the audit.
import type { PacketOutcome } from '../server/outcome.js';
import { createRadiusServer, type RadiusServer } from '../server/radius-server.js';
import type { ClientRecord } from '../server/client-table.js';
import type { UserNameConfig } from '../server/user-name.js';
import { AdminError, EXIT } from '../engine/errors.js';
import { listenReason } from './listen-reason.js';
import type { OwnerRuntime } from './owner-runtime.js';

/** Sign-ins before the warm-up still work: they read from the store and fill the index. */
const WARM_UP_DELAY_MS = 2000;

export interface RadiusHandle {
  server: RadiusServer;
  listen: string;
}

/** Rejects the server decides before the engine is asked; the engine audits its own. */
const SERVER_REJECTS = new Set([
  'NO_PASSWORD',
  'METHOD_NOT_SUPPORTED',
  'NO_USER_NAME',
  'INVALID_UTF8',
  'EMPTY',
  'ILLEGAL_CHARACTER',
  'MACHINE_ACCOUNT',
  'DOUBLED_SUFFIX',
  'UNKNOWN_USER_FORMAT',
  'PASSWORD_MALFORMED',
  'PASSWORD_NOT_UTF8',
  'PASSWORD_TOO_LONG',
]);

export function parseListen(listen: string): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(listen.trim()) ?? /^()(\d{1,5})$/.exec(listen);
  const port = Number(match?.[2]);
  if (!match || port > 65535) {
    throw new AdminError(
      'LISTEN_INVALID',
      `--listen '${listen}' is not HOST:PORT`,
      EXIT.usage,
      'e.g. 0.0.0.0:1812, 127.0.0.1:18120 or [::]:1812',
    );
  }
  return { host: match[1] || '0.0.0.0', port };
}

export async function startRadius(runtime: OwnerRuntime, listen: string): Promise<RadiusHandle> {
  const { engine, clients } = runtime;
  const { host, port } = parseListen(listen);
  let version = -1;
  let records: ClientRecord[] = [];

  const server = createRadiusServer({
    host,
    port,
    now: () => engine.now(),
    // The same object until an admin changes the mapping, so the mapper is rebuilt only then.
    userNames: (): UserNameConfig => runtime.userNameMapping,
    logger: engine.logger,
    clients: () => {
      if (version !== clients.version) {
        version = clients.version;
        records = clients.listWithSecrets();
      }
      return records;
    },
    authenticate: (request) =>
      engine.tokens.verify(request.upn, request.password, nasActor(request.nasName)),
    onOutcome: (outcome) => recordOutcome(runtime, outcome),
  });

  try {
    const bound = await server.start();
    const shown = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
    engine.logger.info({ address: bound.address, port: bound.port }, 'radius listening');
    // Users read and seeds opened in the background while the server already answers, after
    // a pause so that it does not compete with the TUI's first frame for the two cores.
    const warmUp = setTimeout(() => {
      void engine.tokens
        .warmUp()
        .then((counts) => engine.logger.info(counts, 'sign-in index filled, token seeds opened'));
    }, WARM_UP_DELAY_MS);
    warmUp.unref();
    return { server, listen: `${shown}:${bound.port}` };
  } catch (error) {
    throw new AdminError(
      'LISTEN_FAILED',
      `cannot listen on ${listen}: ${listenReason(error)}`,
      EXIT.unavailable,
      'choose another address with --listen HOST:PORT ' +
        '(only a port below 1024 needs root or CAP_NET_BIND_SERVICE; 1812 does not)',
    );
  }
}

const ACTIONS = { accept: 'radius.accept', reject: 'radius.reject', drop: 'radius.drop' } as const;

/** `nas:NAME` per client name, made once rather than per packet; cleared if names pile up. */
const nasActors = new Map<string, string>();

function nasActor(client: string): string {
  let actor = nasActors.get(client);
  if (actor === undefined) {
    if (nasActors.size >= 1024) nasActors.clear();
    actor = `nas:${client}`;
    nasActors.set(client, actor);
  }
  return actor;
}

function recordOutcome(runtime: OwnerRuntime, outcome: PacketOutcome): void {
  const { engine, metrics } = runtime;
  if (outcome.kind === 'status') return;
  if (!outcome.isRetransmission) metrics.count(outcome.kind);

  const entry = {
    id: 0,
    at: outcome.at,
    actor: outcome.client ? nasActor(outcome.client) : `udp:${outcome.address}`,
    action: ACTIONS[outcome.kind],
    upn: outcome.upn,
    serial: null,
    outcome: outcome.kind,
    reason: outcome.isRetransmission ? `${outcome.reason} (retransmission)` : outcome.reason,
  } as const;
  metrics.remember(entry);

  if (outcome.kind === 'drop') {
    engine.logger.debug({ code: outcome.code, address: outcome.address }, 'radius drop');
  } else if (outcome.kind === 'reject' && SERVER_REJECTS.has(outcome.code)) {
    void engine.store
      .write((tx) =>
        engine.audit.record(tx, {
          ...entry,
          action: 'radius.reject',
          // The stable code leads, as in the engine's own sign-in entries.
          reason: `${outcome.code}: ${entry.reason}`,
        }),
      )
      .catch((error: unknown) => engine.logger.error({ err: error }, 'audit write failed'));
  }
}
