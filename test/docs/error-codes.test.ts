// Every stable code the source can produce is documented in docs/errors.md.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

/** Upper-case literals in src/ that are not our codes (csv-parse's error codes among them). */
const NOT_CODES = new Set(['NO_COLOR', 'CSV_MAX_RECORD_SIZE', 'CSV_QUOTE_NOT_CLOSED']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
      if (!NOT_CODES.has(match[1]!)) codes.add(match[1]!);
    }
  }
  return codes;
}

describe('docs/errors.md', () => {
  const docs = fs.readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
  const documented = [...docs.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);

  it('lists every code the source can produce', () => {
    const missing = [...codesInSource()].filter((code) => !documented.includes(code));
    expect(missing).toEqual([]);
  });

  it('lists each code once', () => {
    const repeated = documented.filter((code, index) => documented.indexOf(code) !== index);
    expect(repeated).toEqual([]);
  });
});
