// Runs the real `oathdesk` binary, as an admin would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'oathdesk.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDataDir(prefix = 'oathdesk-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function runCli(dataDir: string, args: string[], input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, '--data', dataDir, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  stop(): Promise<number | null>;
}

/** Starts `oathdesk serve` on a free loopback port and waits until it listens. */
export function startServer(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const child = spawn(
    process.execPath,
    [BIN, '--data', dataDir, 'serve', '--listen', '127.0.0.1:0'],
    { cwd: ROOT, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise<RunningServer>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /"msg":"oathdesk serving"/.test(stderr) && /"port":(\d+)/.exec(stderr);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        port: Number(match[1]),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

/** A TOTP code from the real oathtool, at `unixSeconds` (default: now). */
export function oathtool(secret: string, unixSeconds?: number, interval = 30): Promise<string> {
  const args = ['--totp', '-b', '-s', `${interval}s`, secret];
  if (unixSeconds !== undefined) args.splice(2, 0, '-N', `@${unixSeconds}`);
  return new Promise((resolve, reject) => {
    execFile('oathtool', args, (error, stdout) => (error ? reject(error) : resolve(stdout.trim())));
  });
}
