// Why a token command cannot run on the selected token, or null when it can. The key then says
// so in the status line instead of failing at the engine.
import type { TokenSummary } from '../../engine/types.js';

const NEEDS_TOKEN = new Set([
  'detail',
  'activate',
  'assign',
  'unassign',
  'resync',
  'disable',
  'enable',
  'delete',
]);

export function tokenDisabledReason(id: string, token: TokenSummary | null): string | null {
  if (!NEEDS_TOKEN.has(id)) return null;
  if (!token) return 'no token selected';

  switch (id) {
    case 'activate':
      if (token.upn === null) return 'assign the token to a user first (s)';
      if (token.status === 'activated') return 'the token is already activated';
      return null;
    case 'assign':
      return token.upn === null ? null : `held by ${token.upn}; unassign it first (U)`;
    case 'unassign':
      return token.upn === null ? 'the token is not assigned' : null;
    case 'resync':
      return token.status === 'activated' ? null : 'only an activated token can be resynced';
    case 'disable':
      return token.isEnabled ? null : 'the token is already disabled';
    case 'enable':
      return token.isEnabled ? 'the token is already enabled' : null;
    default:
      return null;
  }
}
