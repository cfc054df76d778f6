// Dispatches key presses through the key table. Handlers are typed per scope, so a command in the
// table that a screen forgets to handle is a compile error.
import { useRef } from 'react';

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

  useKeyListener((input, key) => {
    if (!latest.current.options.isActive) return;

    for (const name of keyNames(input, key)) {
      const command = findCommand(scopes, name);
      if (!command) continue;

      const current = latest.current;
      const reason = current.options.disabledReason?.(command.id) ?? null;
      if (reason !== null) {
        current.options.onDisabled?.(`${command.description}: ${reason}`);
        continue;
      }

      current.handlers[command.id]?.();
    }
  }, options.listeners);
}
