// The admin interface over an engine in this process. The control socket serves the same object
// to other processes, so the CLI and the TUI behave alike wherever the engine runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AdminApi,
  AuditQuery,
  NewClient,
  TokenQuery,
  UserImportResult,
} from '../engine/admin-api.js';
import { importUsers } from '../engine/directory/import-users.js';
import type { CodeDecision, UploadSummary, UserNameMapping } from '../engine/types.js';
import { checkBackupTarget } from './backup-target.js';
import type { OwnerRuntime } from './owner-runtime.js';
import { writeUserNameConfig } from './user-name-settings.js';

export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));
export const SAMPLE_USERS = 'users.csv';
export const SAMPLE_TOKENS = 'tokens-vendor-batch.csv';

export class LocalAdmin implements AdminApi {
  constructor(
    private readonly runtime: OwnerRuntime,
    private readonly actor: string,
  ) {}

  private get engine() {
    return this.runtime.engine;
  }

  async info() {
    return {
      dataDir: this.engine.context.dataDir,
      listen: this.runtime.radius?.listen ?? null,
      listenError: this.runtime.radiusError,
      clientCount: this.runtime.clients.list().length,
      signInsPerSecond: this.runtime.metrics.signInsPerSecond(),
    };
  }

  async listUsers() {
    return this.engine.directory.list();
  }

  importUsers(file: string): Promise<UserImportResult> {
    return importUsers(this.engine.context, file, this.actor);
  }

  async upload(file: string) {
    const queued = await this.engine.uploads.queue(file, this.actor);
    // A CLI command that owns a stopped directory processes uploads only from here on: the one it
    // queued, after any left waiting before it (a no-op where they are processed already).
    this.engine.uploads.start();
    return queued;
  }

  async listUploads() {
    return this.engine.uploads.list();
  }

  async getUpload(id: string) {
    return this.engine.uploads.get(id);
  }

  async uploadProgress(id: string) {
    return this.engine.uploads.progress(id);
  }

  async deleteUpload(id: string) {
    await this.engine.uploads.delete(id, this.actor);
  }

  async uploadFailures(id: string) {
    return this.engine.uploads.failures(id);
  }

  async writeFailuresFile(id: string, dir: string) {
    return this.engine.uploads.writeFailuresFile(id, dir);
  }

  async listTokens(query: TokenQuery) {
    return this.engine.tokens.list(query);
  }

  async getToken(serial: string) {
    return this.engine.tokens.get(serial);
  }

  assignToken(serial: string, upn: string) {
    return this.engine.tokens.assign(serial, upn, this.actor);
  }

  unassignToken(serial: string) {
    return this.engine.tokens.unassign(serial, this.actor);
  }

  setTokenEnabled(serial: string, isEnabled: boolean) {
    return this.engine.tokens.setEnabled(serial, isEnabled, this.actor);
  }

  async deleteToken(serial: string) {
    await this.engine.tokens.delete(serial, this.actor);
  }

  activate(serial: string, code: string, nextCode?: string): Promise<CodeDecision> {
    return this.engine.tokens.activate(serial, code, nextCode ?? undefined, this.actor);
  }

  resync(serial: string, code: string, nextCode: string): Promise<CodeDecision> {
    return this.engine.tokens.resync(serial, code, nextCode, this.actor);
  }

  verify(upn: string, code: string): Promise<CodeDecision> {
    return this.engine.tokens.verify(upn, code, this.actor);
  }

  async activationUsage() {
    return this.engine.tokens.activationUsage();
  }

  enroll(upn: string) {
    return this.engine.tokens.enroll(upn, this.actor);
  }

  confirmEnrollment(upn: string, code: string) {
    return this.engine.tokens.confirmEnrollment(upn, code, this.actor);
  }

  async listMethods(upn: string) {
    return this.engine.tokens.methods(upn);
  }

  async audit(query: AuditQuery) {
    return this.engine.audit.query(query);
  }

  async listClients() {
    const figures = new Map(
      (this.runtime.radius?.server.figures() ?? []).map((entry) => [entry.name, entry]),
    );
    return this.runtime.clients.list().map((client) => ({
      ...client,
      requests: 0,
      accepts: 0,
      rejects: 0,
      drops: 0,
      lastSeenAt: null,
      sendsMessageAuthenticator: null,
      ...figures.get(client.name),
    }));
  }

  addClient(client: NewClient) {
    return this.runtime.clients.add(client, this.actor);
  }

  removeClient(name: string) {
    return this.runtime.clients.remove(name, this.actor);
  }

  async userNameMapping() {
    return this.runtime.userNameMapping;
  }

  async setUserNameMapping(mapping: UserNameMapping) {
    await writeUserNameConfig(this.engine.store, mapping, this.actor, this.engine.audit);
    this.runtime.userNameMapping = { ...mapping };
  }

  async liveStats() {
    return {
      samples: this.runtime.metrics.series(),
      activations: this.engine.tokens.activationUsage(),
      clients: await this.listClients(),
      recent: this.runtime.metrics.recent(),
      unknownSourceDrops: this.runtime.radius?.server.unknownSourceDrops() ?? 0,
    };
  }

  async loadSamples(): Promise<{ users: UserImportResult; upload: UploadSummary }> {
    const users = await this.importUsers(path.join(SAMPLES_DIR, SAMPLE_USERS));
    const upload = await this.upload(path.join(SAMPLES_DIR, SAMPLE_TOKENS));
    return { users, upload };
  }

  async backup(file: string, isOverwriteAllowed = false) {
    checkBackupTarget(this.engine.context.dataDir, file, isOverwriteAllowed);
    this.engine.store.backupTo(file);
    return { bytes: fs.statSync(file).size };
  }
}
