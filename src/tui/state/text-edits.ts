// What one input event does to a text field. Ink hands a burst of keys that arrive together
// (`tmux send-keys BSpace BSpace BSpace`, a paste, `g` then Enter) to useInput as ONE string with
// no key flag set, e.g. '\x7f\x7f\x7f' or 'g\r'. Each character of such a burst is its own edit,
// applied in order (a Tab moves to the next field). A lone key with a flag (Backspace, Enter,
// Ctrl-U) comes through the key table instead, so it is not an edit here.
import type { Key } from 'ink';

export type TextEdit =
  | { type: 'insert'; text: string }
  | { type: 'erase'; count: number }
  | { type: 'clear' }
  | { type: 'eraseWord' }
  | { type: 'submit' }
  | { type: 'step'; delta: 1 };

// DEL is what terminals send for Backspace; BS (Ctrl-H) is what some others send.
const ERASE = new Set(['\u007f', '\b']);
const SUBMIT = new Set(['\r', '\n']);
const CLEAR = '\u0015'; // Ctrl-U
const ERASE_WORD = '\u0017'; // Ctrl-W

export function textEdits(input: string, key: Key): TextEdit[] {
  if (hasKeyFlag(key)) return [];

  const edits: TextEdit[] = [];
  let text = '';
  const flush = () => {
    if (text) edits.push({ type: 'insert', text });
    text = '';
  };

  for (const char of input) {
    if (char >= ' ' && char !== '\u007f') {
      text += char;
      continue;
    }

    flush();
    const last = edits.at(-1);
    if (ERASE.has(char) && last?.type === 'erase') last.count += 1;
    else if (ERASE.has(char)) edits.push({ type: 'erase', count: 1 });
    else if (SUBMIT.has(char)) edits.push({ type: 'submit' });
    else if (char === '\t') edits.push({ type: 'step', delta: 1 });
    else if (char === CLEAR) edits.push({ type: 'clear' });
    else if (char === ERASE_WORD) edits.push({ type: 'eraseWord' });
    // Any other control character is not text and does nothing.
  }
  flush();

  return edits;
}

function hasKeyFlag(key: Key): boolean {
  return (
    key.ctrl ||
    key.meta ||
    key.return ||
    key.escape ||
    key.tab ||
    key.backspace ||
    key.delete ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end
  );
}

/** Ctrl-W: the trailing separators, then back to the last space or `/` (which stays). */
export function withoutLastWord(value: string): string {
  const trimmed = value.replace(/[\s/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('/'));

  return trimmed.slice(0, cut + 1);
}
