// When an activation code matches nothing, the upload row may be wrong: the same seed under the
// other interval or another hash is tried, and a match is reported, never accepted.

import type { HashAlgorithm } from '../types.js';
import type { ActivationDecision } from './activation.js';
import { ACTIVATION_WIDE_SECONDS } from './decision.js';
import { searchWindow, type WindowSpan } from './window-search.js';
import type { OtpParams } from './match.js';

const ALGORITHMS: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/**
 * The refusal for a code that matched nothing under the row's own parameters. Only a proof as
 * strong as an acceptance counts (one code near now, or two consecutive codes): a single far
 * match under another hash is what a mistyped code produces about once in a hundred tries, and
 * telling the admin the upload row is wrong on that basis would mislead them. Interval and hash
 * are changed one at a time, not both together.
 */
export function findAlternative(
  params: OtpParams,
  code: string,
  nextCode: string | undefined,
  nowMs: number,
  span: WindowSpan,
): ActivationDecision {
  const otherInterval = params.intervalSeconds === 30 ? 60 : 30;
  const alt = { ...params, intervalSeconds: otherInterval } as const;
  // The wide span follows the interval being tried, not the row's.
  const altSpan = { nearSeconds: span.nearSeconds };

  if (isProven(alt, code, nextCode, nowMs, altSpan)) {
    return {
      isAccepted: false,
      code: 'INTERVAL_MISMATCH',
      reason:
        `this code matches the seed with a ${otherInterval} s step; the upload row says` +
        ` ${params.intervalSeconds} s: correct the token's time interval, then activate again`,
    };
  }

  for (const algorithm of ALGORITHMS) {
    if (algorithm === params.algorithm) continue;
    if (!isProven({ ...params, algorithm }, code, nextCode, nowMs, span)) continue;

    return {
      isAccepted: false,
      code: 'HASH_MISMATCH',
      reason:
        `this code matches the seed with HMAC-${algorithm}; the upload row says` +
        ` HMAC-${params.algorithm}: correct the token's hash, then activate again`,
    };
  }

  const what = nextCode === undefined ? 'code' : 'pair of consecutive codes';
  const seconds = span.wideSeconds ?? ACTIVATION_WIDE_SECONDS[params.intervalSeconds];
  return {
    isAccepted: false,
    code: 'WRONG_CODE',
    reason: `wrong code: it is no ${what} of this token within ${seconds / 3600} h of server time`,
  };
}

function isProven(
  params: OtpParams,
  code: string,
  nextCode: string | undefined,
  nowMs: number,
  span: WindowSpan,
): boolean {
  // A lone far match would not count, so the wide scan for a single code is skipped.
  return searchWindow(params, code, nextCode, nowMs, span, false) !== null;
}
