// Checks the bytes of a CSV file as they stream to the parser, line by line: UTF-8 text, no zero
// byte, no line longer than MAX_LINE_BYTES. The sniff checks only the first 64 KiB; without this
// a Latin-1 or binary row further down was imported with U+FFFD or a NUL in it, and one
// 100 MiB line (or a million empty columns) was held whole in memory by the parser.
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { FileProblem } from './file-problem.js';

/** A token or user row is well under 1 KiB; a longer line is not such a row. */
export const MAX_LINE_BYTES = 64 * 1024;

const LF = 10;
const CR = 13;

export interface TextGuard {
  stream: Transform;
  /** The problem found, once the stream has ended; the bytes before its line were passed on. */
  problem(): FileProblem | null;
}

/**
 * Passes the file through up to the line with a problem, then ends, so that the sound rows
 * before the damage are still parsed and the caller throws `problem()` after them.
 */
export function textGuard(): TextGuard {
  let found: FileProblem | null = null;
  let line = 1;
  let lineStart = 0;
  let pending: Buffer = Buffer.alloc(0);
  let previous = -1;

  // One line (without its line break): complete, so a UTF-8 sequence is never cut in two.
  const check = (bytes: Buffer, at: number): void => {
    if (bytes.length > MAX_LINE_BYTES) throw tooLong(at);
    if (!isUtf8(bytes)) {
      throw new FileProblem(
        'FILE_NOT_TEXT',
        `line ${at} is not UTF-8 text`,
        at,
        'save the file as "CSV UTF-8"; a spreadsheet may have written another encoding',
      );
    }
  };

  const scan = (chunk: Buffer): void => {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === 0) {
        throw new FileProblem(
          'FILE_NOT_TEXT',
          `line ${line} contains binary data (a zero byte)`,
          line,
          'upload the CSV text file the vendor sent, not a spreadsheet or archive',
        );
      }
      if (byte === LF || byte === CR) {
        const part = chunk.subarray(start, i);
        check(pending.length > 0 ? Buffer.concat([pending, part]) : part, line);
        pending = Buffer.alloc(0);
        lineStart = i + 1;
        // CRLF is one line break; a lone CR (old Mac files) is one too.
        if (!(byte === LF && previous === CR)) line++;
        start = i + 1;
      }
      previous = byte;
    }
    const rest = chunk.subarray(start);
    if (pending.length + rest.length > MAX_LINE_BYTES) throw tooLong(line);
    pending = Buffer.concat([pending, rest]);
  };

  // Only whole lines are passed on, so the parser never sees a part of the line at fault.
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (found) return done();
      const carried = pending;
      lineStart = 0;
      try {
        scan(chunk);
      } catch (error) {
        if (!(error instanceof FileProblem)) return done(error as Error);
        found = error;
      }
      if (lineStart === 0) return done();
      const lines = chunk.subarray(0, lineStart);
      done(null, carried.length > 0 ? Buffer.concat([carried, lines]) : lines);
    },
    flush(done: TransformCallback) {
      if (found) return done();
      try {
        check(pending, line);
      } catch (error) {
        found = error as FileProblem;
        return done();
      }
      done(null, pending);
    },
  });
  return { stream, problem: () => found };
}

function tooLong(line: number): FileProblem {
  return new FileProblem(
    'FILE_LINE_TOO_LONG',
    `line ${line} is longer than ${MAX_LINE_BYTES / 1024} KiB; a token or user row is far shorter`,
    line,
    'upload the CSV the vendor sent; a row may have lost its line break',
  );
}
