// Fetches the tokens in pages around the visible window and keeps them, so that moving the
// cursor redraws from memory and only crossing into an unseen page asks the engine.
import { useCallback, useEffect, useRef, useState } from 'react';

import type { AdminApi } from '../../engine/admin-api.js';
import type { TokenSummary } from '../../engine/types.js';
import type { ListState } from '../state/list-reducer.js';
import { errorStatus, type Status } from '../state/status.js';

export const PAGE_SIZE = 200;

export interface TokenPages {
  rowAt: (index: number) => TokenSummary | null;
  isLoaded: boolean;
}

export function useTokenPages(
  admin: AdminApi,
  filter: string,
  generation: number,
  list: ListState,
  onTotal: (total: number) => void,
  onError: (status: Status) => void,
): TokenPages {
  const pages = useRef(new Map<number, TokenSummary[] | 'loading'>());
  const [, setVersion] = useState(0);
  const [isLoaded, setLoaded] = useState(false);
  const key = `${generation}\u0000${filter}`;
  const keyRef = useRef(key);
  const callbacks = useRef({ onTotal, onError });
  callbacks.current = { onTotal, onError };

  const fetchPage = useCallback(
    (page: number) => {
      if (page < 0 || pages.current.has(page)) return;

      pages.current.set(page, 'loading');
      const asked = keyRef.current;
      const query = { text: filter || undefined, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
      admin.listTokens(query).then(
        (result) => {
          // A page of an older filter is dropped; the new filter has its own fetches.
          if (asked !== keyRef.current) return;

          pages.current.set(page, result.rows);
          callbacks.current.onTotal(result.total);
          setLoaded(true);
          setVersion((version) => version + 1);
        },
        (error: unknown) => {
          if (asked !== keyRef.current) return;

          pages.current.delete(page);
          callbacks.current.onError(errorStatus(error));
        },
      );
    },
    [admin, filter],
  );

  // A new filter or a reload starts from an empty cache. On a reload of the same filter the old
  // pages are still shown until their fresh copies arrive, so the list never blinks empty (and a
  // key pressed meanwhile acts on the row the admin sees).
  const stale = useRef(new Map<number, TokenSummary[] | 'loading'>());
  const filterRef = useRef(filter);
  if (keyRef.current !== key) {
    stale.current = filterRef.current === filter ? pages.current : new Map();
    filterRef.current = filter;
    keyRef.current = key;
    pages.current = new Map();
  }

  const first = Math.floor(list.top / PAGE_SIZE);
  const last = Math.floor((list.top + list.height) / PAGE_SIZE);
  useEffect(() => {
    // The page before and after the window are fetched ahead, so scrolling rarely waits.
    for (let page = first - 1; page <= last + 1; page += 1) fetchPage(page);
  }, [key, first, last, fetchPage]);

  const rowAt = (index: number): TokenSummary | null => {
    const number = Math.floor(index / PAGE_SIZE);
    const fresh = pages.current.get(number);
    const page = Array.isArray(fresh) ? fresh : stale.current.get(number);

    return Array.isArray(page) ? (page[index % PAGE_SIZE] ?? null) : null;
  };

  return { rowAt, isLoaded };
}
