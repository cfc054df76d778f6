// Dispatches key presses through the key table. Handlers are typed per scope, so a command in the
// table that a screen forgets to handle is a compile error.
import { useInput, useStdin } from 'ink';
import { useRef } from 'react';

import { findCommand, type CommandId, type Scope } from '../keys/key-table.js';
import { keyNames } from '../keys/key-name.js';

export type Handlers<S extends Scope> = Record<CommandId<S>, () => void>;

export interface CommandOptions {
  isActive: boolean;
  /** Why a command cannot run now; the key then says so instead of acting. */
  disabledReason?: (id: string) => string | null;
  onDisabled?: (reason: string) => void;
}

export function useCommands(
  scopes: readonly Scope[],
  handlers: Partial<Record<string, () => void>>,
  options: CommandOptions,
): void {
  const { isRawModeSupported } = useStdin();

  // Ink re-binds input handlers only after a frame; a ref keeps the newest handlers in reach.
  const latest = useRef({ handlers, options });
  latest.current = { handlers, options };

  useInput(
    (input, key) => {
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
    },
    // Subscribed for the whole life of the component and gated by the ref above: Ink subscribes
    // in an effect, after the frame, so toggling isActive would drop keys sent right after a
    // frame. useInput throws without raw mode (stdin not a TTY): then the app only displays.
    { isActive: isRawModeSupported },
  );
}
