// Dispatches key presses through the key table. Handlers are typed per scope, so a command in the
// table that a screen forgets to handle is a compile error.
import { useEffect, useRef, useState } from 'react';

import { findCommand, type CommandId, type Scope } from '../keys/key-table.js';
import { keyNames } from '../keys/key-name.js';
import { useKeyListener, type KeyListeners } from '../keys/key-router.js';

export type Handlers<S extends Scope> = Record<CommandId<S>, () => void>;

export interface CommandOptions {
  isActive: boolean;
  /** Why a command cannot run now; the key then says so instead of acting. */
  disabledReason?: (id: string) => string | null;
  onDisabled?: (reason: string) => void;
  /** The router's listeners, for the component that provides the router itself. */
  listeners?: KeyListeners;
}

export function useCommands(
  scopes: readonly Scope[],
  handlers: Partial<Record<string, () => void>>,
  options: CommandOptions,
): void {
  // Ink re-binds input handlers only after a frame; a ref keeps the newest handlers in reach.
  const latest = useRef({ handlers, options });
  latest.current = { handlers, options };

  // A burst (`j x` over a slow link) is run one key per frame: `x` must act on the row `j`
  // moved to, which the handlers only know after the next render.
  // Known gap: a burst sent in the frame after a dialog closed was seen to act on the row
  // before the move (the dialog names the row, so the admin can still refuse).
  const waiting = useRef<string[]>([]);
  const [, setFrame] = useState(0);

  const run = (name: string): void => {
    const command = findCommand(scopes, name);
    if (!command) return;

    const current = latest.current;
    const reason = current.options.disabledReason?.(command.id) ?? null;
    if (reason !== null) {
      current.options.onDisabled?.(`${command.description}: ${reason}`);
      return;
    }
    current.handlers[command.id]?.();
  };

  useEffect(() => {
    const next = waiting.current.shift();
    if (next === undefined) return;

    // The screen lost the keys meanwhile (a dialog opened): the rest of the burst is dropped
    // rather than acted on behind the dialog.
    if (!latest.current.options.isActive) {
      waiting.current = [];
      return;
    }
    run(next);
    if (waiting.current.length > 0) setFrame((count) => count + 1);
  });

  useKeyListener((input, key) => {
    if (!latest.current.options.isActive) return;

    const [first, ...rest] = keyNames(input, key);
    if (first === undefined) return;
    run(first);
    if (rest.length > 0) {
      waiting.current.push(...rest);
      setFrame((count) => count + 1);
    }
  }, options.listeners);
}
