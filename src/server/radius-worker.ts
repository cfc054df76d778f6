// The RADIUS socket's thread. Datagrams are read, matched to a client, checked (Message-
// Authenticator, retransmissions), decoded and answered here; only the sign-in itself crosses to
// the main thread, where the engine decides it. The UDP system calls and the MD5s of every packet
// then run beside the engine instead of taking turns with it on one core.

import { parentPort, workerData } from 'node:worker_threads';

import type { CodeDecision } from '../engine/types.js';
import type { ClientRecord } from './client-table.js';
import type { PacketOutcome } from './outcome.js';
import { createRadiusServer } from './radius-server.js';
import {
  reviveClients,
  type DecisionTuple,
  type SignInTuple,
  type ToMain,
  type ToWorker,
  type WorkerSetup,
} from './radius-thread-protocol.js';
import type { UserNameConfig } from './user-name.js';

/** Figures go to the main thread at most this often, while packets arrive. */
const FIGURES_EVERY_MS = 50;

interface Waiting {
  resolve: (decision: CodeDecision) => void;
  reject: (error: Error) => void;
}

const port = parentPort;
if (port === null) throw new Error('radius-worker.ts runs only as a worker thread');

const setup = workerData as WorkerSetup;
let clients: ClientRecord[] = reviveClients(setup.clients);
let userNames: UserNameConfig = setup.userNames;

const post = (message: ToMain): void => port.postMessage(message);

let nextId = 1;
const waiting = new Map<number, Waiting>();
let signIns: SignInTuple[] = [];
let outcomes: PacketOutcome[] = [];
let isFlushScheduled = false;
let figuresTimer: NodeJS.Timeout | null = null;

function flush(): void {
  isFlushScheduled = false;
  if (signIns.length > 0) post({ type: 'sign-ins', requests: signIns });
  if (outcomes.length > 0) post({ type: 'outcomes', outcomes });
  signIns = [];
  outcomes = [];
}

function scheduleFlush(): void {
  if (isFlushScheduled) return;
  isFlushScheduled = true;
  setImmediate(flush);
}

const server = createRadiusServer({
  host: setup.host,
  port: setup.port,
  now: Date.now,
  clients: () => clients,
  userNames: () => userNames,
  retransmitTtlMs: setup.retransmitTtlMs,
  retransmitMaxEntries: setup.retransmitMaxEntries,
  logger: {
    warn: (fields, message) => post({ type: 'log', level: 'warn', fields, message }),
    error: (fields, message) => post({ type: 'log', level: 'error', fields, message }),
  },
  authenticate: (request) =>
    new Promise<CodeDecision>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      signIns.push([id, request.upn, request.password, request.nasName, request.nasAddress]);
      scheduleFlush();
    }),
  onOutcome: (outcome) => {
    outcomes.push(outcome);
    scheduleFlush();
    figuresTimer ??= setTimeout(postFigures, FIGURES_EVERY_MS);
  },
});

function postFigures(): void {
  figuresTimer = null;
  post({
    type: 'figures',
    figures: server.figures(),
    unknownSourceDrops: server.unknownSourceDrops(),
  });
}

function settle([id, decision, error]: DecisionTuple): void {
  const entry = waiting.get(id);
  if (entry === undefined) return;
  waiting.delete(id);
  if (decision === null) entry.reject(new Error(error));
  else entry.resolve(decision);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'decisions') message.decisions.forEach(settle);
  else if (message.type === 'config') {
    clients = reviveClients(message.clients);
    userNames = message.userNames;
  } else if (message.type === 'stop') {
    if (figuresTimer !== null) clearTimeout(figuresTimer);
    void server.stop().then(() => port.close());
  }
});

server.start().then(
  ({ address, port: bound }) => post({ type: 'listening', address, port: bound }),
  (error: NodeJS.ErrnoException) => {
    const { message, code, errno, syscall } = error;
    post({ type: 'listen-failed', error: { message, code, errno, syscall } });
    port.close();
  },
);
