// Makes text from outside (a RADIUS User-Name, a CSV cell, a file name) safe to show on a
// terminal: an ESC or BEL in it would otherwise be obeyed (colours, a new window title, a
// cleared screen), and a line break would split a table row. Other Unicode is left as it is.

const NAMED: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

// C0 controls, DEL and the C1 controls (0x80-0x9f, which some terminals also obey).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(HAS_CONTROL.source, 'g');

/** Turns each control character into a visible escape: `\t`, `\n`, `\r` or `\u001B`. */
export function printable(text: string): string {
  // Nearly every value has no control character: it is returned without a new string.
  if (!HAS_CONTROL.test(text)) return text;

  return text.replace(CONTROLS, (char) => {
    const code = char.charCodeAt(0);

    return NAMED[code] ?? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
