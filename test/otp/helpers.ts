// Shared test helpers: fixtures and a token's params from a Base32 secret.

import { readFileSync } from 'node:fs';

import { decodeBase32Lenient, normalizeBase32 } from '../../src/engine/otp/base32.js';
import type { OtpParams } from '../../src/engine/otp/match.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/cases/${name}`, import.meta.url), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixture(name)) as T;
}

export function keyOf(secret: string): Buffer {
  const normalized = normalizeBase32(secret);
  if (!normalized.ok) throw new Error(`bad test secret: ${normalized.reason}`);
  return decodeBase32Lenient(normalized.value);
}

export function params(secret: string, overrides: Partial<OtpParams> = {}): OtpParams {
  return { key: keyOf(secret), algorithm: 'SHA1', digits: 6, intervalSeconds: 30, ...overrides };
}

export const ms = (iso: string): number => Date.parse(iso);
