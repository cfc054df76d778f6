// Turns one datagram into a response or nothing. No sockets here: the UDP server, the fuzz tests
// and the benchmarks all call `handlePacket` directly.

import type { CodeDecision } from '../engine/types.js';
import { ClientTable, type ClientRecord, type KnownClient } from './client-table.js';
import { FigureBook } from './client-figures.js';
import { Attr, Code, decodeRequest, encodeResponse, type RadiusRequest } from './codec/index.js';
import type { PacketOutcome, ServerLogger } from './outcome.js';
import { RetransmitCache, retransmitKey } from './retransmit-cache.js';
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

interface Answer {
  response: Buffer | null;
  outcome: PacketOutcome;
}

type Base = Omit<PacketOutcome, 'kind' | 'code' | 'reason'>;

const GENERIC_FAILURE = [
  { type: Attr.replyMessage, value: Buffer.from('Authentication failed', 'utf8') },
];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function createPacketHandler(options: PacketHandlerOptions) {
  const { now, logger } = options;
  const figures = new FigureBook();
  const cache = new RetransmitCache<Answer>({
    now,
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

  function answer(outcome: PacketOutcome, response: Buffer | null): Answer {
    emit(outcome);
    return { response, outcome };
  }

  async function verify(request: RadiusRequest, client: KnownClient, base: Base): Promise<Answer> {
    const reject = (code: string, reason: string, upn: string | null = null): Answer =>
      answer(
        { ...base, kind: 'reject', code, reason, upn },
        encodeResponse(request, Code.accessReject, GENERIC_FAILURE, client.secret),
      );
    if (request.method !== 'pap') {
      return request.method === 'none'
        ? reject('NO_PASSWORD', 'Access-Request without User-Password')
        : reject('METHOD_NOT_SUPPORTED', `method not supported: ${request.method}`);
    }
    if (!request.userName) return reject('NO_USER_NAME', 'Access-Request without User-Name');
    const user = mapUserName(request.userName);
    if (!user.ok) return reject(user.code, user.reason);
    const password = request.password;
    if (!password?.ok) {
      return reject(password?.code ?? 'PASSWORD_MALFORMED', password?.reason ?? '', user.upn);
    }
    let text: string;
    try {
      text = strictUtf8.decode(password.value);
    } catch {
      // The octets are not shown: they are the password.
      return reject('PASSWORD_NOT_UTF8', 'User-Password is not UTF-8', user.upn);
    }
    const decision = await options.authenticate({
      upn: user.upn,
      password: text,
      nasName: client.name,
      nasAddress: base.address,
    });
    if (!decision.isAccepted) return reject(decision.code, decision.reason, user.upn);
    return answer(
      { ...base, kind: 'accept', code: decision.code, reason: decision.reason, upn: user.upn },
      encodeResponse(request, Code.accessAccept, [], client.secret),
    );
  }

  async function handle(buf: Buffer, source: SourceInfo): Promise<Buffer | null> {
    const at = now();
    const client = currentTable().match(source.address);
    const base: Base = {
      at,
      client: client?.name ?? null,
      address: source.address,
      port: source.port,
      upn: null,
      isRetransmission: false,
    };
    const drop = (code: string, reason: string): null => {
      emit({ ...base, kind: 'drop', code, reason });
      return null;
    };
    if (!client) {
      figures.unknownSourceDrops++;
      return drop('UNKNOWN_CLIENT', `no client has address ${source.address}`);
    }
    const decoded = decodeRequest(buf, client.secret);
    figures.seen(client.name, at, decoded.ok ? decoded.request.hasMessageAuthenticator : null);
    if (!decoded.ok) return drop(decoded.code, decoded.reason);
    const request = decoded.request;
    if (client.messageAuthenticator === 'require' && !request.hasMessageAuthenticator) {
      return drop('MISSING_MESSAGE_AUTHENTICATOR', 'client requires Message-Authenticator');
    }
    if (request.code === Code.statusServer) {
      emit({ ...base, kind: 'status', code: 'STATUS_SERVER', reason: 'Status-Server answered' });
      return encodeResponse(request, Code.accessAccept, [], client.secret);
    }
    const key = retransmitKey(
      source.address,
      source.port,
      request.identifier,
      request.authenticator,
    );
    const cached = cache.lookup(key, request.packet);
    if (cached.kind === 'conflict') {
      return drop('AUTHENTICATOR_REUSED', 'same Identifier and authenticator, different packet');
    }
    if (cached.kind === 'hit') {
      const first = await cached.response;
      emit({ ...first.outcome, at, isRetransmission: true });
      return first.response;
    }
    const pending = verify(request, client, base).catch((error: unknown): Answer => {
      // No answer, and forgotten: the NAS retries, and the retry is verified afresh.
      cache.forget(key);
      logger?.error({ err: error, client: client.name }, 'authentication failed with an error');
      return answer({ ...base, kind: 'drop', code: 'ENGINE_ERROR', reason: String(error) }, null);
    });
    cache.remember(key, request.packet, pending);
    return (await pending).response;
  }

  return {
    /** Never throws and never rejects: any failure is a dropped packet. */
    async handlePacket(buf: Buffer, source: SourceInfo): Promise<Buffer | null> {
      try {
        return await handle(buf, source);
      } catch (error) {
        logger?.error({ err: error, address: source.address }, 'packet handling failed');
        return null;
      }
    },
    figures: () => figures.snapshot((records ?? []).map((record) => record.name)),
    unknownSourceDrops: () => figures.unknownSourceDrops,
  };
}

export type PacketHandler = ReturnType<typeof createPacketHandler>;
