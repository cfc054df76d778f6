// The control socket's wire format: one JSON object per line, each way. A request names an
// AdminApi method; the answer carries its result or the AdminError it raised.
import path from 'node:path';
import { AdminError, EXIT, type ExitCode } from '../engine/errors.js';
import { fileError } from '../engine/file-error.js';
import type { AdminApi } from '../engine/admin-api.js';

export const CONTROL_SOCKET = 'oathdesk.sock';

export interface ControlRequest {
  id: number;
  actor: string;
  method: keyof AdminApi;
  args: unknown[];
}

export interface WireError {
  code: string;
  message: string;
  exitCode: ExitCode;
  hint?: string;
}

export type ControlResponse = { id: number; result: unknown } | { id: number; error: WireError };

/** Every AdminApi method, once: the compiler refuses this table when the interface changes. */
const METHOD_TABLE: Record<keyof AdminApi, true> = {
  info: true,
  listUsers: true,
  importUsers: true,
  upload: true,
  listUploads: true,
  getUpload: true,
  uploadProgress: true,
  deleteUpload: true,
  uploadFailures: true,
  writeFailuresFile: true,
  listTokens: true,
  getToken: true,
  assignToken: true,
  unassignToken: true,
  setTokenEnabled: true,
  deleteToken: true,
  activate: true,
  resync: true,
  verify: true,
  activationUsage: true,
  enroll: true,
  confirmEnrollment: true,
  listMethods: true,
  audit: true,
  listClients: true,
  addClient: true,
  removeClient: true,
  liveStats: true,
  loadSamples: true,
  backup: true,
  userNameMapping: true,
  setUserNameMapping: true,
};

/** The methods a remote caller may invoke: exactly the AdminApi. */
export const ADMIN_METHODS = Object.keys(METHOD_TABLE) as (keyof AdminApi)[];

export function toWireError(error: unknown): WireError {
  // A file the admin named is their input, through the socket as much as in their own process.
  const known = error instanceof AdminError ? error : fileError(error);
  if (known) {
    return { code: known.code, message: known.message, exitCode: known.exitCode, hint: known.hint };
  }
  return {
    code: 'INTERNAL',
    message: String((error as Error)?.message ?? error),
    exitCode: EXIT.internal,
  };
}

export function fromWireError(wire: WireError): AdminError {
  return new AdminError(wire.code, wire.message, wire.exitCode, wire.hint);
}

/**
 * Unix socket paths are limited to about 107 bytes; a deep data directory is reached through a
 * path relative to the working directory when that one is shorter.
 */
export function socketPath(dataDir: string): string {
  const absolute = path.resolve(dataDir, CONTROL_SOCKET);
  const relative = path.relative(process.cwd(), absolute) || CONTROL_SOCKET;
  return absolute.length <= 100 || relative.length >= absolute.length ? absolute : relative;
}
