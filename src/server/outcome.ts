// What happened to one datagram, for the live screen and the audit trail. The precise reason is
// here and only here: the NAS gets a generic Reply-Message.

/** `status`: a Status-Server health check was answered (RFC 5997); it is no sign-in. */
export type OutcomeKind = 'accept' | 'reject' | 'drop' | 'status';

export interface PacketOutcome {
  kind: OutcomeKind;
  /** Stable code: the engine's (`ACCEPTED`, `WRONG_CODE`...) or the server's (`UNKNOWN_CLIENT`). */
  code: string;
  reason: string;
  at: number;
  /** The NAS name; null when the source address belongs to no client. */
  client: string | null;
  address: string;
  port: number;
  upn: string | null;
  /** Answered from the retransmission cache, without a second verification. */
  isRetransmission: boolean;
}

/** The subset of a pino logger the server uses; never given a password or a secret. */
export interface ServerLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
