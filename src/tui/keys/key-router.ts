// One input subscription for the whole app. Components register their key listeners while they
// render, so a dialog hears the first key sent after its first frame; subscribing each with
// Ink's useInput would only happen in an effect, and keys typed quickly would be lost.
import { useInput, useStdin, type Key } from 'ink';
import { createContext, useContext, useEffect, useRef } from 'react';

export type KeyListener = (input: string, key: Key) => void;

type ListenerRef = { current: KeyListener };

export type KeyListeners = Set<ListenerRef>;

export const KeyRouterContext = createContext<KeyListeners | null>(null);

/** Feeds every key to every registered listener; each decides whether it is active. */
export function useKeyRouter(listeners: KeyListeners): void {
  const { isRawModeSupported } = useStdin();

  // useInput throws without raw mode (stdin not a TTY): then the app only displays.
  useInput(
    (input, key) => {
      for (const listener of [...listeners]) listener.current(input, key);
    },
    { isActive: isRawModeSupported },
  );
}

/** `own` is for the component that provides the router and so cannot read its context. */
export function useKeyListener(listener: KeyListener, own?: KeyListeners): void {
  const listeners = useContext(KeyRouterContext) ?? own;
  if (!listeners) throw new Error('useKeyListener needs a KeyRouterContext provider');

  const ref = useRef(listener);
  ref.current = listener;
  listeners.add(ref);

  useEffect(() => {
    listeners.add(ref);

    return () => {
      listeners.delete(ref);
    };
  }, [listeners]);
}
