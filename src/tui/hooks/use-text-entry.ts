// Typing into the focused input. Each edit becomes a reducer action rather than a new value
// computed from the last render, so keys that arrive faster than frames are never lost or
// reordered (which ink-text-input does when keys come in quick succession).
import { useKeyListener } from '../keys/key-router.js';
import { textEdits, type TextEdit } from '../state/text-edits.js';

export interface TextEntry {
  isActive: boolean;
  onEdit: (edit: TextEdit) => void;
}

export function useTextEntry(entry: TextEntry): void {
  useKeyListener((input, key) => {
    if (!entry.isActive) return;

    for (const edit of textEdits(input, key)) entry.onEdit(edit);
  });
}
