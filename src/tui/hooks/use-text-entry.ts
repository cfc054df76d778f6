// Typing into the focused input. Each key becomes a reducer action rather than a new value
// computed from the last render, so keys that arrive faster than frames are never lost or
// reordered (which ink-text-input does when keys come in quick succession).
import { useKeyListener } from '../keys/key-router.js';

export interface TextEntry {
  isActive: boolean;
  onInsert: (text: string) => void;
  onErase: () => void;
}

export function useTextEntry(entry: TextEntry): void {
  useKeyListener((input, key) => {
    const { isActive, onInsert, onErase } = entry;
    if (!isActive) return;

    if (key.backspace || key.delete) {
      onErase();
      return;
    }

    const isCommandKey =
      key.ctrl ||
      key.meta ||
      key.return ||
      key.escape ||
      key.tab ||
      key.upArrow ||
      key.downArrow ||
      key.leftArrow ||
      key.rightArrow ||
      key.pageUp ||
      key.pageDown;
    // Control characters (a pasted newline) are not text.
    const text = [...input].filter((char) => char >= ' ' && char !== '\u007f').join('');
    if (!isCommandKey && text) onInsert(text);
  });
}
