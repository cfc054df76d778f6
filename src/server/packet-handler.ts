// Turns one datagram into a response or nothing. No sockets here: the UDP server, the fuzz tests
// and the benchmarks all call `handlePacket` directly.

import type { CodeDecision } from '../engine/types.js';
import { ClientTable, type ClientRecord, type KnownClient } from './client-table.js';
import { FigureBook } from './client-figures.js';
import {
  Attr,
  Code,
  decodeRequest,
  encodeResponse,
  type RadiusRequest,
  type ResponseAttribute,
} from './codec/index.js';
import type { OutcomeKind, PacketOutcome, ServerLogger } from './outcome.js';
import { Remembered, RetransmitCache, retransmitKey } from './retransmit-cache.js';
import { createUserNameMapper, type UserNameConfig } from './user-name.js';

export interface AuthenticationRequest {
  upn: string;
  /** The whole decoded password; the engine decides which part is the code. */
  password: string;
  nasName: string;
  nasAddress: string;
}

export type Authenticate = (request: AuthenticationRequest) => Promise<CodeDecision>;

export interface PacketHandlerOptions {
  /** Called per datagram; return the same array while nothing changed, so it is parsed once. */
  clients: () => readonly ClientRecord[];
  authenticate: Authenticate;
  now: () => number;
  /**
   * How User-Names map to UPNs. A function is called per packet, so a mapping changed while the
   * server runs applies at once; return the same object while nothing changed.
   */
  userNames?: UserNameConfig | (() => UserNameConfig);
  logger?: ServerLogger;
  onOutcome?: (outcome: PacketOutcome) => void;
  retransmitTtlMs?: number;
  retransmitMaxEntries?: number;
}

export interface SourceInfo {
  address: string;
  port: number;
}

/** Receives the answer to one datagram: the response to send, or null for none. */
export type Reply = (response: Buffer | null, source: SourceInfo) => void;

interface Answer {
  response: Buffer | null;
  outcome: PacketOutcome;
}

const GENERIC_FAILURE = [
  { type: Attr.replyMessage, value: Buffer.from('Authentication failed', 'utf8') },
];
const NO_ATTRIBUTES: ResponseAttribute[] = [];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The password as text, or null when it is not UTF-8. ASCII, the usual case, is read as is. */
function passwordText(octets: Buffer): string | null {
  for (let i = 0; i < octets.length; i++) {
    if (octets[i]! < 0x80) continue;
    try {
      return strictUtf8.decode(octets);
    } catch {
      return null;
    }
  }
  return octets.toString('latin1');
}

/** A request seen for the first time: what its outcome, response and cache entry need. */
interface Exchange {
  request: RadiusRequest;
  client: KnownClient;
  source: SourceInfo;
  at: number;
  /** Known once the User-Name is mapped. */
  upn: string | null;
  key: string;
  entry: Remembered<PacketOutcome>;
  reply: Reply;
}

/**
 * Every outcome is one literal with its fields in one order. A spread of a per-packet base object
 * followed by new keys cost V8 microseconds per packet (a fresh hidden class each time).
 */
function outcomeOf(
  kind: OutcomeKind,
  code: string,
  reason: string,
  at: number,
  client: string | null,
  source: SourceInfo,
  upn: string | null,
): PacketOutcome {
  const { address, port } = source;
  return { at, client, address, port, upn, isRetransmission: false, kind, code, reason };
}

function retransmitted(first: PacketOutcome, at: number): PacketOutcome {
  return { ...first, at, isRetransmission: true };
}

export function createPacketHandler(options: PacketHandlerOptions) {
  const { now, logger } = options;
  const figures = new FigureBook();
  const cache = new RetransmitCache<PacketOutcome>({
    ttlMs: options.retransmitTtlMs,
    maxEntries: options.retransmitMaxEntries,
  });
  const userNames = options.userNames ?? {};
  let mappingFor: UserNameConfig | null = null;
  let mapper = createUserNameMapper({});

  function mapUserName(raw: Buffer) {
    const latest = typeof userNames === 'function' ? userNames() : userNames;
    if (latest !== mappingFor) {
      mappingFor = latest;
      mapper = createUserNameMapper(latest);
    }
    return mapper(raw);
  }
  let records: readonly ClientRecord[] | null = null;
  let table = new ClientTable([]);

  function currentTable(): ClientTable {
    const latest = options.clients();
    if (latest !== records) {
      records = latest;
      table = new ClientTable(latest);
      for (const bad of table.invalid) logger?.warn(bad, 'client address is not an IP or CIDR');
    }
    return table;
  }

  function emit(outcome: PacketOutcome): void {
    if (outcome.client !== null && !outcome.isRetransmission) {
      figures.count(outcome.client, outcome.kind);
    }
    try {
      options.onOutcome?.(outcome);
    } catch (error) {
      logger?.error({ err: error }, 'outcome listener failed');
    }
  }

  function drop(
    at: number,
    client: string | null,
    source: SourceInfo,
    code: string,
    reason: string,
  ): null {
    emit(outcomeOf('drop', code, reason, at, client, source, null));
    return null;
  }

  function answered(
    exchange: Exchange,
    kind: 'accept' | 'reject',
    code: string,
    reason: string,
  ): Answer {
    const { request, client, source, at, upn } = exchange;
    const response =
      kind === 'accept'
        ? encodeResponse(request, Code.accessAccept, NO_ATTRIBUTES, client.secret)
        : encodeResponse(request, Code.accessReject, GENERIC_FAILURE, client.secret);
    const outcome = outcomeOf(kind, code, reason, at, client.name, source, upn);
    emit(outcome);
    return { response, outcome };
  }

  /** No answer, and forgotten: the NAS retries, and the retry is verified afresh. */
  function failed(exchange: Exchange, error: unknown): Answer {
    const { client, source, at } = exchange;
    cache.forget(exchange.key, exchange.entry);
    logger?.error({ err: error, client: client.name }, 'authentication failed with an error');
    const outcome = outcomeOf('drop', 'ENGINE_ERROR', String(error), at, client.name, source, null);
    emit(outcome);
    return { response: null, outcome };
  }

  function decided(exchange: Exchange, decision: CodeDecision): void {
    let answer: Answer;
    try {
      const kind = decision.isAccepted ? 'accept' : 'reject';
      answer = answered(exchange, kind, decision.code, decision.reason);
    } catch (error) {
      answer = failed(exchange, error);
    }
    settle(exchange, answer);
  }

  function settle(exchange: Exchange, answer: Answer): void {
    exchange.entry.settle(answer.response, answer.outcome);
    exchange.reply(answer.response, exchange.source);
  }

  /** The answer made without the engine, or null when the engine was asked: it settles later. */
  function verify(exchange: Exchange): Answer | null {
    const { request, client, source } = exchange;
    if (request.method !== 'pap') {
      return request.method === 'none'
        ? answered(exchange, 'reject', 'NO_PASSWORD', 'Access-Request without User-Password')
        : answered(
            exchange,
            'reject',
            'METHOD_NOT_SUPPORTED',
            `method not supported: ${request.method}`,
          );
    }
    if (!request.userName) {
      return answered(exchange, 'reject', 'NO_USER_NAME', 'Access-Request without User-Name');
    }
    const user = mapUserName(request.userName);
    if (!user.ok) return answered(exchange, 'reject', user.code, user.reason);
    exchange.upn = user.upn;
    const password = request.password;
    if (!password?.ok) {
      const code = password?.code ?? 'PASSWORD_MALFORMED';
      return answered(exchange, 'reject', code, password?.reason ?? '');
    }
    const text = passwordText(password.value);
    if (text === null) {
      // The octets are not shown: they are the password.
      return answered(exchange, 'reject', 'PASSWORD_NOT_UTF8', 'User-Password is not UTF-8');
    }
    const decision = options.authenticate({
      upn: user.upn,
      password: text,
      nasName: client.name,
      nasAddress: source.address,
    });
    decision.then(
      (result) => decided(exchange, result),
      (error: unknown) => settle(exchange, failed(exchange, error)),
    );
    return null;
  }

  /** The response, null for none, or undefined when `reply` is called later. */
  function receive(buf: Buffer, source: SourceInfo, reply: Reply): Buffer | null | undefined {
    const at = now();
    const client = currentTable().match(source.address);
    if (!client) {
      figures.unknownSourceDrops++;
      return drop(at, null, source, 'UNKNOWN_CLIENT', `no client has address ${source.address}`);
    }
    const decoded = decodeRequest(buf, client.secret);
    figures.seen(client.name, at, decoded.ok ? decoded.request.hasMessageAuthenticator : null);
    if (!decoded.ok) return drop(at, client.name, source, decoded.code, decoded.reason);
    const request = decoded.request;
    if (client.messageAuthenticator === 'require' && !request.hasMessageAuthenticator) {
      const reason = 'client requires Message-Authenticator';
      return drop(at, client.name, source, 'MISSING_MESSAGE_AUTHENTICATOR', reason);
    }
    if (request.code === Code.statusServer) {
      const reason = 'Status-Server answered';
      emit(outcomeOf('status', 'STATUS_SERVER', reason, at, client.name, source, null));
      return encodeResponse(request, Code.accessAccept, NO_ATTRIBUTES, client.secret);
    }
    const { address, port } = source;
    const key = retransmitKey(address, port, request.identifier, request.authenticator);
    const known = cache.lookup(key, request.packet, at);
    if (known === 'conflict') {
      const reason = 'same Identifier and authenticator, different packet';
      return drop(at, client.name, source, 'AUTHENTICATOR_REUSED', reason);
    }
    if (known !== 'miss') {
      if (known.report) {
        emit(retransmitted(known.report, at));
        return known.response;
      }
      known.whenSettled((response, first) => {
        emit(retransmitted(first, at));
        reply(response, source);
      });
      return undefined;
    }

    const entry = cache.remember(key, request.packet, at);
    const exchange: Exchange = { request, client, source, at, upn: null, key, entry, reply };
    let answer: Answer | null;
    try {
      answer = verify(exchange);
    } catch (error) {
      answer = failed(exchange, error);
    }
    if (!answer) return undefined;
    entry.settle(answer.response, answer.outcome);
    return answer.response;
  }

  /**
   * Answers one datagram through `reply`, at once when the engine need not be asked. Never throws:
   * any failure is a dropped packet. `buf` is read until the answer is made, so the caller must
   * not change it meanwhile; dgram hands each datagram its own Buffer.
   */
  function respond(buf: Buffer, source: SourceInfo, reply: Reply): void {
    let response: Buffer | null | undefined;
    try {
      response = receive(buf, source, reply);
    } catch (error) {
      logger?.error({ err: error, address: source.address }, 'packet handling failed');
      response = null;
    }
    if (response !== undefined) reply(response, source);
  }

  return {
    respond,
    /** `respond` as a promise. Never rejects. */
    handlePacket(buf: Buffer, source: SourceInfo): Promise<Buffer | null> {
      return new Promise((resolve) => respond(buf, source, resolve));
    },
    figures: () => figures.snapshot((records ?? []).map((record) => record.name)),
    unknownSourceDrops: () => figures.unknownSourceDrops,
  };
}

export type PacketHandler = ReturnType<typeof createPacketHandler>;
