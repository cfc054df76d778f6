// Runs the real FreeRADIUS `radclient` (freeradius-utils) against our server.

import { spawn } from 'node:child_process';

export interface RadclientResult {
  /** 0 on Access-Accept, 1 on Access-Reject or no reply. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function radclient(
  port: number,
  command: 'auth' | 'status',
  secret: string,
  attributes: string,
): Promise<RadclientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('radclient', [
      '-x',
      '-t',
      '1',
      '-r',
      '1',
      `127.0.0.1:${port}`,
      command,
      secret,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
    child.stdin.end(attributes + '\n');
  });
}

/** radclient sends a Message-Authenticator only when the attribute list asks for one. */
export const WITH_MA = ', Message-Authenticator = 0x00';
