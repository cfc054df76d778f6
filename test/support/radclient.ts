// The real radclient (freeradius-utils), as a NAS would send.
import { execFile } from 'node:child_process';

export interface RadclientResult {
  code: number;
  output: string;
}

export function radclient(
  port: number,
  secret: string,
  attributes: string,
  type: 'auth' | 'status' = 'auth',
): Promise<RadclientResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'radclient',
      ['-x', '-t', '2', '-r', '1', `127.0.0.1:${port}`, type, secret],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
    child.stdin?.end(attributes + '\n');
  });
}

export function papRequest(user: string, password: string): string {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [
    `User-Name = ${quote(user)}`,
    `User-Password = ${quote(password)}`,
    'Message-Authenticator = 0x00',
  ].join(', ');
}
