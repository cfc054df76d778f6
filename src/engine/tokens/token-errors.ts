// The refusals of token administration. Each names the rule, the value and what to do; the codes
// are listed in docs/errors.md. A refused code is not here: it is a CodeDecision.
import { AdminError, EXIT } from '../errors.js';
import type { TokenStatus } from '../types.js';

/** Most OATH methods one user may hold, hardware and software together. */
export const MAX_METHODS_PER_USER = 5;

export function tokenNotFound(serial: string): AdminError {
  return new AdminError(
    'TOKEN_NOT_FOUND',
    `no token with serial '${serial}'`,
    EXIT.refused,
    'list tokens with `oathdesk tokens`; serials are matched exactly',
  );
}

export function userNotFound(upn: string): AdminError {
  return new AdminError(
    'USER_NOT_FOUND',
    `user '${upn}' doesn't exist in the tenant directory`,
    EXIT.refused,
    'check the spelling, or import the user first',
  );
}

export function guestRefused(upn: string, what: string): AdminError {
  return new AdminError(
    'USER_GUEST',
    `'${upn}' is a guest user; guests cannot get ${what}`,
    EXIT.refused,
    'give the token to a member user',
  );
}

export function userDisabled(upn: string): AdminError {
  return new AdminError(
    'USER_DISABLED',
    `user '${upn}' is disabled`,
    EXIT.refused,
    'enable the user in the directory first (users import with enabled = yes)',
  );
}

export function methodLimit(upn: string, count: number): AdminError {
  return new AdminError(
    'METHOD_LIMIT',
    `'${upn}' already holds ${count} OATH methods; the limit is ${MAX_METHODS_PER_USER}` +
      ' (hardware and software together)',
    EXIT.refused,
    `remove one with \`oathdesk unassign SERIAL\` or \`oathdesk delete SERIAL\` first`,
  );
}

export function heldByOther(serial: string, holder: string): AdminError {
  return new AdminError(
    'TOKEN_HELD',
    `token '${serial}' is held by '${holder}'; one token belongs to one user`,
    EXIT.refused,
    `unassign it from ${holder} first with \`oathdesk unassign ${serial}\``,
  );
}

export function softwareToken(serial: string, action: string): AdminError {
  return new AdminError(
    'TOKEN_IS_SOFTWARE',
    `token '${serial}' is a software method; it cannot be ${action}`,
    EXIT.refused,
    'software methods belong to the user who enrolled them: delete it and enrol again',
  );
}

export function notAssigned(serial: string): AdminError {
  return new AdminError(
    'TOKEN_NOT_ASSIGNED',
    `token '${serial}' is available (held by nobody); only an assigned token can be activated`,
    EXIT.refused,
    `assign it first with \`oathdesk assign ${serial} UPN\``,
  );
}

export function badStatus(serial: string, status: TokenStatus, needed: string): AdminError {
  const hint =
    status === 'activated'
      ? `to re-teach its clock use \`oathdesk resync ${serial} CODE1 CODE2\``
      : `activate it first with \`oathdesk activate ${serial} CODE\``;
  return new AdminError(
    'TOKEN_STATUS',
    `token '${serial}' is ${status}; this needs a token that is ${needed}`,
    EXIT.refused,
    hint,
  );
}

export function tokenDisabled(serial: string): AdminError {
  return new AdminError(
    'TOKEN_DISABLED',
    `token '${serial}' is disabled`,
    EXIT.refused,
    `enable it first with \`oathdesk enable ${serial}\``,
  );
}

export function noPendingEnrollment(upn: string): AdminError {
  return new AdminError(
    'NO_PENDING_ENROLLMENT',
    `'${upn}' has no software method waiting for confirmation`,
    EXIT.refused,
    `start one with \`oathdesk enroll ${upn}\``,
  );
}
