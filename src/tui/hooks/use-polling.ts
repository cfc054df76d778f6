// Calls an async loader now and then every `intervalMs` while active. A slow call is never
// overlapped by the next one, and nothing is set after unmount.
import { useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  value: T | null;
  error: unknown;
  reload: () => void;
}

export function usePolling<T>(
  load: () => Promise<T>,
  intervalMs: number | null,
  isActive = true,
  /** Loads again at once when this changes, e.g. the serial shown or a reload counter. */
  reloadKey: unknown = null,
): Polled<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    if (!isActive) return;

    let isLive = true;
    let isRunning = false;
    const run = async () => {
      if (isRunning) return;
      isRunning = true;
      try {
        const next = await latest.current();
        if (isLive) {
          setValue(next);
          setError(null);
        }
      } catch (caught) {
        if (isLive) setError(caught);
      } finally {
        isRunning = false;
      }
    };

    void run();
    const timer = intervalMs === null ? null : setInterval(() => void run(), intervalMs);

    return () => {
      isLive = false;
      if (timer) clearInterval(timer);
    };
  }, [intervalMs, isActive, tick, reloadKey]);

  return { value, error, reload: () => setTick((count) => count + 1) };
}
