// Where a quoted field that is never closed opened. csv-parse names the line where it ran out of
// text (for a quote on a middle line, the file's last line), which sends the admin to the wrong
// place; the quote itself is on the line this finds.

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface UnclosedQuote {
  /** 1-based line of `text` on which the quote opened, counted as csv-parse counts lines. */
  line: number;
  /** Index in `text` where the record holding the quote starts: the text before is whole rows. */
  recordStart: number;
}

/**
 * The quote left open at the end of `text`, or null when every quote is closed. Meant for text
 * csv-parse refused with CSV_QUOTE_NOT_CLOSED: it had no earlier error, so every quote before
 * is an opening quote, a closing quote or half of an escaped `""`.
 */
export function findUnclosedQuote(text: string, eol: string | null): UnclosedQuote | null {
  let line = 1;
  let isOpen = false;
  let openLine = 0;
  let recordStart = 0;
  let openRecordStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      if (!isOpen) {
        isOpen = true;
        openLine = line;
        openRecordStart = recordStart;
      } else if (text.charCodeAt(i + 1) === QUOTE) {
        // An escaped quote inside the field: it neither closes nor opens one.
        i++;
      } else {
        isOpen = false;
      }
    } else if (code === LF) {
      line++;
      if (!isOpen && eol === '\n') recordStart = i + 1;
    } else if (code === CR) {
      line++;
      if (isOpen) continue;
      if (eol === '\r') recordStart = i + 1;
      else if (eol === '\r\n' && text.charCodeAt(i + 1) === LF) {
        // The file's CRLF outside quotes is one line break, as countLines in csv-split.ts.
        i++;
        recordStart = i + 1;
      }
    }
  }
  return isOpen ? { line: openLine, recordStart: openRecordStart } : null;
}
