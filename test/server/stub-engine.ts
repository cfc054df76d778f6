// A stand-in for the engine's verify: accepts one password for one user, refuses the rest.
// The server only needs the function's contract, so the real engine is not needed here.

import type { CodeDecision } from '../../src/engine/types.js';
import type { AuthenticationRequest } from '../../src/server/index.js';

export const GOOD_UPN = 'helga@contoso.com';
export const GOOD_PASSWORD = 'Winter-2025!021131';

export function createStubAuthenticate() {
  const calls: AuthenticationRequest[] = [];
  const authenticate = async (request: AuthenticationRequest): Promise<CodeDecision> => {
    calls.push(request);
    if (request.upn === GOOD_UPN && request.password === GOOD_PASSWORD) {
      return { isAccepted: true, code: 'ACCEPTED', reason: 'code accepted' };
    }
    return { isAccepted: false, code: 'WRONG_CODE', reason: 'code does not match' };
  };
  return { authenticate, calls };
}
