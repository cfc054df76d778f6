// The words of the domain, shared by the engine and every face (TUI, CLI, RADIUS server).
// Times are milliseconds since the Unix epoch, read from the injected clock.

export type UserType = 'member' | 'guest';

export interface User {
  upn: string;
  displayName: string;
  userType: UserType;
  isEnabled: boolean;
  /** OATH methods the user holds now, hardware and software together. */
  methodCount: number;
}

export type TokenKind = 'hardware' | 'software';

/** Lifecycle as Microsoft Graph names it; software methods use `assigned` until confirmed. */
export type TokenStatus = 'available' | 'assigned' | 'activated' | 'failedActivation';

export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TokenSummary {
  serial: string;
  kind: TokenKind;
  status: TokenStatus;
  /** A disabled token keeps its status but signs nobody in. */
  isEnabled: boolean;
  upn: string | null;
  manufacturer: string;
  model: string;
  intervalSeconds: 30 | 60;
  digits: 6 | 8;
  algorithm: HashAlgorithm;
  /** Learned clock offset of the token, in steps and in seconds. */
  driftSteps: number;
  driftSeconds: number;
  lastUsedAt: number | null;
}

export interface TokenDetail extends TokenSummary {
  createdAt: number;
  activatedAt: number | null;
  uploadId: string | null;
  recentFailures: AuditEntry[];
}

export type UploadStatus = 'queued' | 'processing' | 'completed' | 'completedWithErrors' | 'failed';

export interface UploadSummary {
  id: string;
  fileName: string;
  status: UploadStatus;
  rows: number;
  imported: number;
  unchanged: number;
  failed: number;
  /** File-level remarks that did not stop the upload, e.g. ignored columns. */
  warnings: string[];
  /** Why a `failed` upload could not be processed at all. */
  error: string | null;
  actor: string;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  expiresAt: number;
}

export interface UploadFailure {
  line: number;
  upn: string;
  serial: string;
  /** Stable error code, e.g. `USER_NOT_FOUND`; see docs/errors.md. */
  code: string;
  reason: string;
  hint: string;
}

export interface UploadProgress {
  id: string;
  status: UploadStatus;
  rows: number;
  imported: number;
  unchanged: number;
  failed: number;
  /** Bytes of the file read so far and its size, for a progress bar. */
  bytesRead: number;
  bytesTotal: number;
}

export interface AuditEntry {
  id: number;
  at: number;
  /** Admin name (`cli:root`, `tui:alice`) or NAS name (`nas:vpn1`). */
  actor: string;
  action: string;
  upn: string | null;
  serial: string | null;
  outcome: 'ok' | 'refused' | 'accept' | 'reject' | 'drop';
  reason: string;
}

/** Outcome of checking a code; a wrong code is an ordinary value, never an exception. */
export interface CodeDecision {
  isAccepted: boolean;
  /** Stable reason code, e.g. `ACCEPTED`, `WRONG_CODE`, `REPLAY`, `LOCKED_OUT`. */
  code: string;
  /** Precise reason for the admin; never sent to a NAS. */
  reason: string;
  serial?: string;
  driftSteps?: number;
  /** When a refusal is temporary: the time from which a retry can succeed. */
  retryAt?: number;
  /** A second code is needed (activation far from the current step). */
  needsNextCode?: boolean;
}

export interface ActivationUsage {
  used: number;
  limit: number;
  windowSeconds: number;
  /** When the oldest counted activation leaves the window; null when none is counted. */
  nextSlotAt: number | null;
}

export interface Enrollment {
  serial: string;
  upn: string;
  secretBase32: string;
  uri: string;
}

export type MessageAuthenticatorMode = 'require' | 'off';

export interface RadiusClient {
  name: string;
  /** An IP address or a CIDR block. */
  address: string;
  messageAuthenticator: MessageAuthenticatorMode;
  createdAt: number;
}

export interface ClientFigures {
  name: string;
  requests: number;
  accepts: number;
  rejects: number;
  drops: number;
  lastSeenAt: number | null;
  sendsMessageAuthenticator: boolean | null;
}

export interface RateSample {
  /** Start of the one-second bucket. */
  at: number;
  accepts: number;
  rejects: number;
  drops: number;
}

export interface LiveStats {
  samples: RateSample[];
  activations: ActivationUsage;
  clients: ClientFigures[];
  recent: AuditEntry[];
  unknownSourceDrops: number;
}

export interface ServerInfo {
  dataDir: string;
  /** `host:port` the RADIUS server listens on, or null when none runs in the owner process. */
  listen: string | null;
  /** Why the RADIUS server is not listening although it was asked to; null when it is. */
  listenError: string | null;
  clientCount: number;
  signInsPerSecond: number;
}

/** How RADIUS User-Names map to UPNs; see `oathdesk usernames`. */
export interface UserNameMapping {
  /** Domain for a bare `name`; without it a bare name is refused. */
  defaultDomain?: string;
  /** NetBIOS domain to UPN domain, e.g. `CONTOSO` -> `contoso.com`. */
  netbios?: Record<string, string>;
  /** On-premises UPN suffix to the directory's, e.g. `contoso.local` -> `contoso.com`. */
  suffixAliases?: Record<string, string>;
}
