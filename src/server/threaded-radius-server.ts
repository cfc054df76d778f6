// The RADIUS server with its socket on a worker thread (radius-worker.ts), seen from the main
// thread: sign-ins arrive in batches and go to `authenticate`, decisions go back in batches, and
// outcomes and per-client figures are copied here for the live screen and `oathdesk clients`.
//
// Clients and the user-name mapping are read here and sent over when they change: a poll every
// few milliseconds notices, and `configChanged()` sends at once (an admin command calls it, so a
// NAS added a moment ago is known by its first packet).

import { Worker } from 'node:worker_threads';

import type { ClientFigures } from '../engine/types.js';
import type { ClientRecord } from './client-table.js';
import type { RadiusServer, RadiusServerOptions } from './radius-server.js';
import type {
  DecisionTuple,
  ListenFailure,
  SignInTuple,
  ToMain,
  ToWorker,
  WorkerSetup,
} from './radius-thread-protocol.js';
import type { UserNameConfig } from './user-name.js';

const CONFIG_POLL_MS = 20;
const RELAUNCH_AFTER_MS = 1000;

/**
 * Starts the worker module beside this one. Run from the TypeScript sources (the tests), it is
 * loaded through tsx, which a worker does not inherit from the thread that starts it.
 */
function startWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./radius-worker.js', import.meta.url), { workerData: setup });
  }
  const source = new URL('./radius-worker.ts', import.meta.url).href;
  const boot =
    "import('tsx/esm/api').then(({ register }) => { register(); " +
    `return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

function listenError(failure: ListenFailure): NodeJS.ErrnoException {
  return Object.assign(new Error(failure.message), {
    code: failure.code,
    errno: failure.errno,
    syscall: failure.syscall,
  });
}

/** A server whose datagrams only its socket's thread sees: no `handlePacket` from outside. */
export interface ThreadedRadiusServer extends Omit<RadiusServer, 'handlePacket'> {
  /** Sends clients and the user-name mapping to the socket's thread now, if they changed. */
  configChanged(): void;
}

export function createThreadedRadiusServer(options: RadiusServerOptions): ThreadedRadiusServer {
  const userNamesNow = (): UserNameConfig =>
    (typeof options.userNames === 'function' ? options.userNames() : options.userNames) ?? {};

  let worker: Worker | null = null;
  let poll: NodeJS.Timeout | null = null;
  let sentClients: readonly ClientRecord[] | null = null;
  let sentUserNames: UserNameConfig | null = null;
  let figures: ClientFigures[] = [];
  let unknownSourceDrops = 0;
  let decisions: DecisionTuple[] = [];
  let isReplyScheduled = false;

  const send = (message: ToWorker): void => worker?.postMessage(message);

  function configChanged(): void {
    const clients = options.clients();
    const userNames = userNamesNow();
    if (clients === sentClients && userNames === sentUserNames) return;
    sentClients = clients;
    sentUserNames = userNames;
    send({ type: 'config', clients, userNames });
  }

  function reply(decision: DecisionTuple): void {
    decisions.push(decision);
    if (isReplyScheduled) return;
    isReplyScheduled = true;
    setImmediate(() => {
      isReplyScheduled = false;
      send({ type: 'decisions', decisions });
      decisions = [];
    });
  }

  function signIn([id, upn, password, nasName, nasAddress]: SignInTuple): void {
    options.authenticate({ upn, password, nasName, nasAddress }).then(
      ({ isAccepted, code, reason }) => reply([id, { isAccepted, code, reason }]),
      (error: unknown) => reply([id, null, error instanceof Error ? error.message : String(error)]),
    );
  }

  function onMessage(message: ToMain): void {
    if (message.type === 'sign-ins') message.requests.forEach(signIn);
    else if (message.type === 'outcomes') {
      for (const outcome of message.outcomes) {
        try {
          options.onOutcome?.(outcome);
        } catch (error) {
          options.logger?.error({ err: error }, 'outcome listener failed');
        }
      }
    } else if (message.type === 'figures') {
      figures = message.figures;
      unknownSourceDrops = message.unknownSourceDrops;
    } else if (message.type === 'log') {
      options.logger?.[message.level](message.fields, message.message);
    }
  }

  /** Starts the thread on `port`; resolves once its socket is bound. */
  function launch(port: number): Promise<{ address: string; port: number }> {
    return new Promise((resolve, reject) => {
      sentClients = options.clients();
      sentUserNames = userNamesNow();
      const setup: WorkerSetup = {
        host: options.host ?? '0.0.0.0',
        port,
        clients: sentClients,
        userNames: sentUserNames,
        retransmitTtlMs: options.retransmitTtlMs,
        retransmitMaxEntries: options.retransmitMaxEntries,
      };
      const started = startWorker(setup);
      worker = started;

      const fail = (error: Error): void => {
        if (worker === started) worker = null;
        reject(error);
      };
      started.once('error', fail);
      started.once('exit', (code) => fail(new Error(`RADIUS thread stopped (exit ${code})`)));
      started.on('message', function firstAnswer(message: ToMain) {
        if (message.type === 'listen-failed') return fail(listenError(message.error));
        if (message.type !== 'listening') return;
        started.off('message', firstAnswer);
        started.removeAllListeners('error');
        started.removeAllListeners('exit');
        started.on('message', onMessage);
        started.on('error', (error) => options.logger?.error({ err: error }, 'RADIUS thread'));
        started.once('exit', (code) => relaunch(started, message.port, code));
        resolve({ address: message.address, port: message.port });
      });
    });
  }

  // A thread that dies while the server should run (a bug, not a bad packet: the handler never
  // throws) is started again on the same port, at most once a second.
  function relaunch(dead: Worker, port: number, code: number): void {
    if (worker !== dead) return; // stopped on purpose
    worker = null;
    options.logger?.error({ code }, 'RADIUS thread stopped; starting it again');
    setTimeout(() => {
      if (poll === null) return; // stopped meanwhile
      launch(port).catch((error: unknown) =>
        options.logger?.error({ err: error }, 'RADIUS thread could not start again'),
      );
    }, RELAUNCH_AFTER_MS).unref();
  }

  return {
    start: async () => {
      if (worker) throw new Error('RADIUS server already started');
      const bound = await launch(options.port ?? 1812);
      poll = setInterval(configChanged, CONFIG_POLL_MS);
      poll.unref();
      return bound;
    },
    stop: async () => {
      const stopping = worker;
      worker = null;
      if (poll !== null) clearInterval(poll);
      poll = null;
      if (!stopping) return;
      const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.postMessage({ type: 'stop' } satisfies ToWorker);
      await exited;
    },
    configChanged,
    figures: () => figures,
    unknownSourceDrops: () => unknownSourceDrops,
  };
}
