// Messages between the RADIUS socket's thread and the main thread, where the engine runs. Both
// directions are batched: one message per turn of the sender's event loop, not one per datagram.

import type { ClientFigures } from '../engine/types.js';
import type { ClientRecord } from './client-table.js';
import type { PacketOutcome } from './outcome.js';
import type { UserNameConfig } from './user-name.js';

export interface WorkerSetup {
  host: string;
  port: number;
  clients: readonly ClientRecord[];
  userNames: UserNameConfig;
  retransmitTtlMs?: number;
  retransmitMaxEntries?: number;
}

/** One sign-in for the engine: request id, UPN, password, NAS name, NAS address. */
export type SignInTuple = [id: number, upn: string, password: string, nas: string, from: string];

/** The engine's answer: request id, then the decision, or null and why it failed. */
export type DecisionTuple =
  | [id: number, decision: { isAccepted: boolean; code: string; reason: string }]
  | [id: number, decision: null, error: string];

/** What a failed bind looked like, so the main thread can name the cause (EADDRINUSE...). */
export interface ListenFailure {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
}

export type ToMain =
  | { type: 'listening'; address: string; port: number }
  | { type: 'listen-failed'; error: ListenFailure }
  | { type: 'sign-ins'; requests: SignInTuple[] }
  | { type: 'outcomes'; outcomes: PacketOutcome[] }
  | { type: 'figures'; figures: ClientFigures[]; unknownSourceDrops: number }
  | { type: 'log'; level: 'warn' | 'error'; fields: object; message: string };

export type ToWorker =
  | { type: 'decisions'; decisions: DecisionTuple[] }
  | { type: 'config'; clients: readonly ClientRecord[]; userNames: UserNameConfig }
  | { type: 'stop' };

/** Buffers arrive as plain Uint8Arrays after crossing threads; the codec wants Buffers. */
export function reviveClients(records: readonly ClientRecord[]): ClientRecord[] {
  return records.map((record) => {
    const secret: unknown = record.secret;
    if (typeof secret === 'string' || Buffer.isBuffer(secret)) return record;
    const bytes = secret as Uint8Array;
    return { ...record, secret: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  });
}
