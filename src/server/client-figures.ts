// Per-NAS counters for the live screen and `oathdesk clients`. `requests` counts every datagram
// from the NAS's address, retransmissions and Status-Server included; `accepts`, `rejects` and
// `drops` count decisions, so a retransmission answered from the cache adds to none of them.

import type { ClientFigures } from '../engine/types.js';
import type { OutcomeKind } from './outcome.js';

export class FigureBook {
  private readonly byName = new Map<string, ClientFigures>();
  unknownSourceDrops = 0;

  private entry(name: string): ClientFigures {
    let figures = this.byName.get(name);
    if (!figures) {
      figures = {
        name,
        requests: 0,
        accepts: 0,
        rejects: 0,
        drops: 0,
        lastSeenAt: null,
        sendsMessageAuthenticator: null,
      };
      this.byName.set(name, figures);
    }
    return figures;
  }

  /** A datagram arrived from this NAS; `hasMa` is unknown (null) when it could not be parsed. */
  seen(name: string, at: number, hasMa: boolean | null): void {
    const figures = this.entry(name);
    figures.requests++;
    figures.lastSeenAt = at;
    if (hasMa !== null) figures.sendsMessageAuthenticator = hasMa;
  }

  count(name: string, kind: OutcomeKind): void {
    const figures = this.entry(name);
    if (kind === 'accept') figures.accepts++;
    else if (kind === 'reject') figures.rejects++;
    else if (kind === 'drop') figures.drops++;
  }

  /** Figures for the given clients, in their order, zeros for those never seen; copies. */
  snapshot(names: readonly string[]): ClientFigures[] {
    return names.map((name) => ({ ...this.entry(name) }));
  }
}
