// One token as a fixed-width line; the header uses the same widths.
import type { TokenSummary } from '../../../engine/types.js';
import { ago, columns } from '../../format.js';

const WIDTHS = [12, 16, 3, 0, 14, 9];

export function tokenHeader(width: number): string {
  return columns(['Serial', 'Status', 'On', 'User', 'Model', 'Last use'], WIDTHS, width);
}

export function tokenRow(token: TokenSummary, width: number, now: number): string {
  const cells = [
    token.serial,
    token.kind === 'software' ? `${token.status} (app)` : token.status,
    token.isEnabled ? 'yes' : 'no',
    token.upn ?? '-',
    token.model,
    ago(token.lastUsedAt, now),
  ];

  return columns(cells, WIDTHS, width);
}
