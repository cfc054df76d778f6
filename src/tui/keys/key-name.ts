// Names Ink's key events the way the key table writes them: `up`, `enter`, `shift+tab`,
// `ctrl+c`, `space`, or the character itself.
import type { Key } from 'ink';

const SPECIAL: readonly [keyof Key, string][] = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'enter'],
  ['escape', 'escape'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

export function keyNames(input: string, key: Key): string[] {
  if (key.tab) return [key.shift ? 'shift+tab' : 'tab'];
  if (key.ctrl && input.length === 1) return [`ctrl+${input.toLowerCase()}`];

  for (const [flag, name] of SPECIAL) {
    if (key[flag]) return [name];
  }

  // A burst of typed keys can arrive as one string; each character is its own key press.
  return [...input].map((char) => (char === ' ' ? 'space' : char));
}

/** How a key name is shown in the hint bar and the help screen. */
export function keyLabel(name: string): string {
  const labels: Record<string, string> = {
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    enter: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'shift+tab': 'S-Tab',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    space: 'Space',
    backspace: 'Bksp',
    delete: 'Del',
  };
  if (name.startsWith('ctrl+')) return `C-${name.slice(5)}`;

  return labels[name] ?? name;
}
