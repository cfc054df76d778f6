// A small in-memory AdminApi for the TUI tests and the key benchmark. It keeps just enough rules
// to drive the screens: code 123456 activates, 111111 asks for a next code (222222), others fail.
import type { AdminApi, NewClient, TokenQuery } from '../../src/engine/admin-api.js';
import { AdminError } from '../../src/engine/errors.js';
import type {
  AuditEntry,
  ClientFigures,
  CodeDecision,
  RadiusClient,
  TokenSummary,
  UploadFailure,
  UploadSummary,
  User,
  UserNameMapping,
} from '../../src/engine/types.js';

export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

export function makeToken(index: number, overrides: Partial<TokenSummary> = {}): TokenSummary {
  return {
    serial: String(1_000_000 + index),
    kind: 'hardware',
    status: 'available',
    isEnabled: true,
    upn: null,
    manufacturer: 'Contoso',
    model: 'HardwareKey',
    intervalSeconds: 30,
    digits: 6,
    algorithm: 'SHA1',
    driftSteps: 0,
    driftSeconds: 0,
    lastUsedAt: null,
    ...overrides,
  };
}

export interface FakeOptions {
  tokens?: number;
  users?: User[];
  isEmpty?: boolean;
}

export class FakeAdmin implements AdminApi {
  tokens: TokenSummary[];
  users: User[];
  uploads: UploadSummary[] = [];
  failures = new Map<string, UploadFailure[]>();
  clients: (RadiusClient & ClientFigures)[] = [];
  auditLog: AuditEntry[] = [];
  activations = 0;
  mapping: UserNameMapping = {};
  listenError: string | null = null;
  calls: string[] = [];
  private progressCalls = 0;
  private pendingTokens = new Map<string, TokenSummary[]>();

  constructor(options: FakeOptions = {}) {
    const count = options.isEmpty ? 0 : (options.tokens ?? 30);
    this.tokens = Array.from({ length: count }, (_, index) => makeToken(index));
    this.users = options.isEmpty
      ? []
      : (options.users ?? [
          user('alice@contoso.com', 'Alice Archer'),
          user('bob@contoso.com', 'Bob Baker'),
          { ...user('guest@fabrikam.com', 'Gus Guest'), userType: 'guest' },
        ]);
    if (!options.isEmpty) this.seedUploadAndClient();
  }

  private seedUploadAndClient(): void {
    this.uploads.push(upload('u1', 'tokens.csv', 3, 2, 1));
    this.failures.set('u1', [
      {
        line: 4,
        upn: 'nobody@contoso.com',
        serial: '999',
        code: 'USER_NOT_FOUND',
        reason: "no user 'nobody@contoso.com'",
        hint: 'import the user first',
      },
    ]);
    this.clients.push({
      name: 'vpn1',
      address: '10.0.0.1',
      messageAuthenticator: 'require',
      createdAt: NOW,
      requests: 12,
      accepts: 10,
      rejects: 2,
      drops: 0,
      lastSeenAt: NOW - 5000,
      sendsMessageAuthenticator: true,
    });
    this.record('upload', null, null, 'ok', 'tokens.csv');
  }

  private record(
    action: string,
    upn: string | null,
    serial: string | null,
    outcome: AuditEntry['outcome'],
    reason: string,
  ): void {
    const id = this.auditLog.length + 1;
    this.auditLog.push({
      id,
      at: NOW + id,
      actor: 'tui:test',
      action,
      upn,
      serial,
      outcome,
      reason,
    });
  }

  private token(serial: string): TokenSummary {
    const found = this.tokens.find((token) => token.serial === serial);
    if (!found) throw new AdminError('TOKEN_NOT_FOUND', `no token '${serial}'`);
    return found;
  }

  async info() {
    return {
      dataDir: '/tmp/oathdesk-test',
      listen: this.listenError === null ? '127.0.0.1:1812' : null,
      listenError: this.listenError,
      clientCount: 1,
      signInsPerSecond: 2,
    };
  }

  async listUsers() {
    return [...this.users];
  }

  async importUsers() {
    return { added: 0, updated: 0, unchanged: 0, failures: [] };
  }

  async upload(path: string) {
    this.calls.push(`upload ${path}`);
    const fileName = path.split('/').pop() ?? path;
    const summary = { ...upload('u2', fileName, 4, 0, 0), status: 'processing' as const };
    this.uploads.push(summary);
    this.progressCalls = 0;
    return summary;
  }

  async listUploads() {
    return [...this.uploads];
  }

  async getUpload(id: string) {
    const found = this.uploads.find((entry) => entry.id === id);
    if (!found) throw new AdminError('UPLOAD_NOT_FOUND', `no upload '${id}'`);
    return found;
  }

  async uploadProgress(id: string) {
    const found = await this.getUpload(id);
    this.progressCalls += 1;
    const isDone = this.progressCalls > 3;
    if (isDone && found.status === 'processing') {
      Object.assign(found, { status: 'completed', imported: found.rows });
      this.tokens.push(...(this.pendingTokens.get(id) ?? []));
    }
    return { ...found, bytesRead: Math.min(100, this.progressCalls * 30), bytesTotal: 100 };
  }

  async deleteUpload(id: string) {
    this.uploads = this.uploads.filter((entry) => entry.id !== id);
  }

  async uploadFailures(id: string) {
    return this.failures.get(id) ?? [];
  }

  async writeFailuresFile(id: string, dir: string) {
    const found = await this.getUpload(id);
    this.calls.push(`writeFailures ${id} ${dir}`);
    return `${dir.replace(/\/$/, '')}/Failures_${found.fileName}`;
  }

  async listTokens(query: TokenQuery) {
    const text = query.text?.toLowerCase();
    const rows = text
      ? this.tokens.filter((token) =>
          [token.serial, token.upn ?? '', token.model, token.status].some((field) =>
            field.toLowerCase().includes(text),
          ),
        )
      : this.tokens;
    const offset = query.offset ?? 0;
    return { total: rows.length, rows: rows.slice(offset, offset + (query.limit ?? 100)) };
  }

  async getToken(serial: string) {
    const token = this.token(serial);
    return { ...token, createdAt: NOW, activatedAt: null, uploadId: 'u1', recentFailures: [] };
  }

  async assignToken(serial: string, upn: string) {
    if (!this.users.some((entry) => entry.upn === upn)) {
      throw new AdminError('USER_NOT_FOUND', `no user '${upn}'`, 1, 'import the user first');
    }
    return Object.assign(this.token(serial), { upn, status: 'assigned' as const });
  }

  async unassignToken(serial: string) {
    return Object.assign(this.token(serial), { upn: null, status: 'available' as const });
  }

  async setTokenEnabled(serial: string, isEnabled: boolean) {
    return Object.assign(this.token(serial), { isEnabled });
  }

  async deleteToken(serial: string) {
    this.token(serial);
    this.tokens = this.tokens.filter((token) => token.serial !== serial);
  }

  async activate(serial: string, code: string, nextCode?: string): Promise<CodeDecision> {
    const token = this.token(serial);
    const isAccepted = code === '123456' || (code === '111111' && nextCode === '222222');
    if (isAccepted) {
      token.status = 'activated';
      this.activations += 1;
      return { isAccepted, code: 'ACCEPTED', reason: 'code matched', serial, driftSteps: 0 };
    }
    token.status = 'failedActivation';
    if (code === '111111') {
      return { isAccepted, code: 'NEEDS_NEXT_CODE', reason: 'far from now', needsNextCode: true };
    }
    return { isAccepted, code: 'WRONG_CODE', reason: 'no step matched; is the interval 60 s?' };
  }

  async resync(serial: string, code: string, nextCode: string): Promise<CodeDecision> {
    this.token(serial);
    const isAccepted = code === '123456' && nextCode === '234567';
    return {
      isAccepted,
      code: isAccepted ? 'ACCEPTED' : 'WRONG_CODE',
      reason: 'resync',
      driftSteps: 2,
    };
  }

  async verify(): Promise<CodeDecision> {
    return { isAccepted: false, code: 'WRONG_CODE', reason: 'fake' };
  }

  async activationUsage() {
    return { used: this.activations, limit: 200, windowSeconds: 300, nextSlotAt: null };
  }

  async enroll(upn: string) {
    const secretBase32 = 'JBSWY3DPEHPK3PXP';
    const uri = `otpauth://totp/oathdesk:${upn}?secret=${secretBase32}&issuer=oathdesk`;
    return { serial: 'SW-1', upn, secretBase32, uri };
  }

  async confirmEnrollment(_upn: string, code: string): Promise<CodeDecision> {
    const isAccepted = code === '123456';
    return { isAccepted, code: isAccepted ? 'ACCEPTED' : 'WRONG_CODE', reason: 'enrolment' };
  }

  async listMethods(upn: string) {
    return this.tokens.filter((token) => token.upn === upn);
  }

  async audit() {
    return [...this.auditLog];
  }

  async listClients() {
    return [...this.clients];
  }

  async addClient(client: NewClient) {
    const added = { ...client, createdAt: NOW };
    this.clients.push({
      ...added,
      requests: 0,
      accepts: 0,
      rejects: 0,
      drops: 0,
      lastSeenAt: null,
      sendsMessageAuthenticator: null,
    });
    return {
      name: client.name,
      address: client.address,
      messageAuthenticator: client.messageAuthenticator,
      createdAt: NOW,
    };
  }

  async removeClient(name: string) {
    this.clients = this.clients.filter((client) => client.name !== name);
  }

  async liveStats() {
    const samples = Array.from({ length: 60 }, (_, index) => ({
      at: NOW - (60 - index) * 1000,
      accepts: index % 7,
      rejects: index % 3,
      drops: 0,
    }));
    const { clients } = this;
    return {
      samples,
      activations: await this.activationUsage(),
      clients,
      recent: this.auditLog,
      unknownSourceDrops: 1,
    };
  }

  async loadSamples() {
    this.calls.push('loadSamples');
    this.users.push(user('alice@contoso.com', 'Alice Archer'));
    // As the engine does: the tokens come with the upload, which is still processing here.
    this.pendingTokens.set('u9', [makeToken(1)]);
    const summary = {
      ...upload('u9', 'sample-tokens.csv', 1, 0, 0),
      status: 'processing' as const,
    };
    this.uploads.push(summary);
    this.progressCalls = 0;
    return { users: { added: 1, updated: 0, unchanged: 0, failures: [] }, upload: summary };
  }

  async userNameMapping() {
    return this.mapping;
  }

  async setUserNameMapping(mapping: UserNameMapping) {
    this.mapping = mapping;
  }

  async backup() {
    return { bytes: 0 };
  }
}

function user(upn: string, displayName: string): User {
  return { upn, displayName, userType: 'member', isEnabled: true, methodCount: 0 };
}

function upload(
  id: string,
  fileName: string,
  rows: number,
  imported: number,
  failed: number,
): UploadSummary {
  return {
    id,
    fileName,
    status: failed > 0 ? 'completedWithErrors' : 'completed',
    rows,
    imported,
    unchanged: 0,
    failed,
    warnings: [],
    error: null,
    actor: 'tui:test',
    createdAt: NOW - 3_600_000,
    startedAt: NOW - 3_600_000,
    finishedAt: NOW - 3_590_000,
    expiresAt: NOW + 29 * 86_400_000,
  };
}
