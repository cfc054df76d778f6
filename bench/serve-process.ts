// Runs the real `oathdesk serve` (the built binary) on a data directory and reads its JSON log to
// learn when it is ready and which port it bound. Memory and CPU figures come from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'oathdesk.js');

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** From spawn to the log line 'oathdesk serving' (everything started). */
  startMs: number;
  stop(): Promise<void>;
}

export async function startServe(
  dataDir: string,
  options: {
    nodeArgs?: string[];
    timeoutMs?: number;
    /** A later log message to wait for as well (say, the end of the key warm-up). */
    alsoWaitFor?: string;
  } = {},
): Promise<ServeProcess> {
  const env = { ...process.env };
  delete env.OATHDESK_KEY;
  delete env.OATHDESK_DATA;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), BIN, '--data', dataDir, 'serve', '--listen', '127.0.0.1:0'],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  try {
    const { port, servingAt } = await waitUntilServing(
      child,
      options.timeoutMs ?? 60_000,
      options.alsoWaitFor,
    );
    return { child, port, startMs: servingAt - started, stop };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

function waitUntilServing(
  child: ChildProcess,
  timeoutMs: number,
  alsoWaitFor?: string,
): Promise<{ port: number; servingAt: number }> {
  return new Promise((resolve, reject) => {
    let port = 0;
    let servingAt = 0;
    let hasSeenAlso = alsoWaitFor === undefined;
    let buffered = '';
    let log = '';
    const timer = setTimeout(() => fail(`not serving after ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`oathdesk serve: ${why}\n${log.slice(-2000)}`));
    };

    const onExit = (code: number | null) => fail(`exited with ${code}`);
    child.once('exit', onExit);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      log += text;
      buffered += text;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let entry: { msg?: string; port?: number };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if (entry.msg === 'radius listening' && typeof entry.port === 'number') port = entry.port;
        if (entry.msg === 'oathdesk serving') servingAt = performance.now();
        if (entry.msg === alsoWaitFor) hasSeenAlso = true;
        if (servingAt > 0 && hasSeenAlso) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve({ port, servingAt });
          return;
        }
      }
    });
  });
}

/** Resident and peak resident memory of a process, in MiB (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** CPU seconds (user + system) a process has used so far (Linux). */
export function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5), counted from after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
