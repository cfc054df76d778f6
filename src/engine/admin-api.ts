// The asynchronous admin interface. The TUI and the CLI use only this, so that the same screens
// and commands drive an engine in this process or one behind the control socket.
import type {
  ActivationUsage,
  AuditEntry,
  CodeDecision,
  Enrollment,
  LiveStats,
  MessageAuthenticatorMode,
  RadiusClient,
  ClientFigures,
  ServerInfo,
  TokenDetail,
  TokenStatus,
  TokenSummary,
  UploadFailure,
  UploadProgress,
  UploadSummary,
  User,
  UserNameMapping,
} from './types.js';

export interface TokenQuery {
  upn?: string;
  status?: TokenStatus | 'disabled';
  /** Case-insensitive substring of serial, UPN, model or status. */
  text?: string;
  offset?: number;
  limit?: number;
}

export interface AuditQuery {
  since?: number;
  upn?: string;
  text?: string;
  limit?: number;
}

export interface UserImportResult {
  added: number;
  updated: number;
  unchanged: number;
  failures: UserImportFailure[];
}

/** One line of a users file that was not imported; `code` is stable (docs/errors.md). */
export interface UserImportFailure {
  line: number;
  code: string;
  reason: string;
  /** What to do; empty when the reason says it all. */
  hint: string;
}

export interface NewClient {
  name: string;
  address: string;
  secret: string;
  messageAuthenticator: MessageAuthenticatorMode;
}

export interface AdminApi {
  info(): Promise<ServerInfo>;

  listUsers(): Promise<User[]>;
  importUsers(path: string): Promise<UserImportResult>;

  /** Queues a CSV file; returns at once. Processing happens in the owner process. */
  upload(path: string): Promise<UploadSummary>;
  listUploads(): Promise<UploadSummary[]>;
  getUpload(id: string): Promise<UploadSummary>;
  uploadProgress(id: string): Promise<UploadProgress>;
  deleteUpload(id: string): Promise<void>;
  uploadFailures(id: string): Promise<UploadFailure[]>;
  /** Writes `Failures_<uploaded file name>.csv` into `dir` and returns its path. */
  writeFailuresFile(id: string, dir: string): Promise<string>;

  listTokens(query: TokenQuery): Promise<{ total: number; rows: TokenSummary[] }>;
  getToken(serial: string): Promise<TokenDetail>;
  assignToken(serial: string, upn: string): Promise<TokenSummary>;
  unassignToken(serial: string): Promise<TokenSummary>;
  setTokenEnabled(serial: string, isEnabled: boolean): Promise<TokenSummary>;
  deleteToken(serial: string): Promise<void>;

  activate(serial: string, code: string, nextCode?: string): Promise<CodeDecision>;
  resync(serial: string, code: string, nextCode: string): Promise<CodeDecision>;
  verify(upn: string, code: string): Promise<CodeDecision>;
  activationUsage(): Promise<ActivationUsage>;

  enroll(upn: string): Promise<Enrollment>;
  confirmEnrollment(upn: string, code: string): Promise<CodeDecision>;
  listMethods(upn: string): Promise<TokenSummary[]>;

  audit(query: AuditQuery): Promise<AuditEntry[]>;

  listClients(): Promise<(RadiusClient & ClientFigures)[]>;
  addClient(client: NewClient): Promise<RadiusClient>;
  removeClient(name: string): Promise<void>;

  userNameMapping(): Promise<UserNameMapping>;
  /** Stored at once; the RADIUS server applies it to the next request. */
  setUserNameMapping(mapping: UserNameMapping): Promise<void>;

  liveStats(): Promise<LiveStats>;
  /** Imports the users and token files in samples/ (for a newcomer on an empty data directory). */
  loadSamples(): Promise<{ users: UserImportResult; upload: UploadSummary }>;
  /**
   * Writes a consistent snapshot of the database to `path`; its size is measured by the process
   * that wrote it (behind the control socket the caller may not see that file).
   */
  backup(path: string, isOverwriteAllowed?: boolean): Promise<{ bytes: number }>;
}
