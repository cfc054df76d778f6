// Generates a large valid token file for users user0..userN of bench.example, and the users.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { encodeBase32 } from '../../src/engine/otp/base32.js';

export const TOKENS_PER_USER = 4;

export function serialOf(row: number): string {
  return String(30_000_000 + row);
}

export function writeLargeFiles(usersFile: string, tokensFile: string, rows: number): void {
  const users = ['upn,display name,user type'];
  for (let u = 0; u < Math.ceil(rows / TOKENS_PER_USER); u++) {
    users.push(`user${u}@bench.example,User ${u},member`);
  }
  fs.writeFileSync(usersFile, users.join('\n') + '\n');

  const seeds = crypto.randomBytes(20 * rows);
  const lines = ['upn,serial number,secret key,time interval,manufacturer,model'];
  for (let r = 0; r < rows; r++) {
    const seed = encodeBase32(seeds.subarray(r * 20, r * 20 + 20));
    const user = Math.floor(r / TOKENS_PER_USER);
    lines.push(`user${user}@bench.example,${serialOf(r)},${seed},30,Token2,C202`);
  }
  fs.writeFileSync(tokensFile, lines.join('\n') + '\n');
}
