// Seals many seeds on a worker thread, so that a large upload's AES-GCM work (about 9 µs a seed
// through node:crypto, most of it creating the cipher) runs beside the main thread's parsing and
// database work instead of on it. The output is exactly SecretBox.seal's: IV (12) | tag (16) |
// ciphertext, with a random IV per seal. The worker source is plain JavaScript evaluated as is,
// so it runs the same under tsx, vitest and the built package.
import { Worker } from 'node:worker_threads';

const SOURCE = `
const crypto = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const key = Buffer.from(workerData.key);
const IV_BYTES = 12;
parentPort.on('message', ({ id, plain, lengths, purpose }) => {
  try {
    const input = Buffer.from(plain);
    const aad = Buffer.from(purpose);
    const ivs = crypto.randomBytes(IV_BYTES * lengths.length);
    let total = 0;
    for (const length of lengths) total += 28 + length;
    const out = Buffer.alloc(total);
    let read = 0;
    let write = 0;
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i];
      const iv = ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = cipher.update(input.subarray(read, read + length));
      cipher.final();
      iv.copy(out, write);
      cipher.getAuthTag().copy(out, write + 12);
      body.copy(out, write + 28);
      body.fill(0);
      read += length;
      write += 28 + length;
    }
    input.fill(0);
    parentPort.postMessage({ id, sealed: out.buffer }, [out.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

interface Reply {
  id: number;
  sealed?: ArrayBuffer;
  error?: string;
}

export class SealWorker {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { lengths: number[]; resolve: (sealed: Buffer[]) => void; reject: (error: Error) => void }
  >();

  constructor(key: Buffer) {
    this.worker = new Worker(SOURCE, { eval: true, workerData: { key: Uint8Array.from(key) } });
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the seal worker stopped')));
  }

  /** Seals each of `plains` for `purpose`; the caller still owns (and clears) `plains`. */
  seal(plains: Buffer[], purpose: string): Promise<Buffer[]> {
    const lengths = plains.map((plain) => plain.length);
    // Buffer.alloc, never the shared pool a small Buffer.concat would use: this one is transferred.
    const input = Buffer.alloc(lengths.reduce((sum, length) => sum + length, 0));
    let offset = 0;
    for (const plain of plains) offset += plain.copy(input, offset);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { lengths, resolve, reject });
      // Transferred, not copied: the only copy of the seeds moves to the worker, which clears it.
      this.worker.postMessage({ id, plain: input.buffer, lengths, purpose }, [input.buffer]);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.sealed === undefined) {
      waiting.reject(new Error(`sealing failed: ${reply.error ?? 'unknown error'}`));
      return;
    }
    const all = Buffer.from(reply.sealed);
    const sealed: Buffer[] = [];
    let offset = 0;
    for (const length of waiting.lengths) {
      sealed.push(all.subarray(offset, offset + 28 + length));
      offset += 28 + length;
    }
    waiting.resolve(sealed);
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
