// While a server runs, a command goes through its control socket and the server process opens
// the files named on the command line: as the service user, in its view of the file system (with
// systemd's PrivateTmp or ProtectHome, a /tmp or /home the admin's shell does not see).
import { printLine } from './output.js';

export const SERVER_WROTE_NOTE =
  'note: written by the running oathdesk server process, as its user and in its view of the ' +
  "file system (under systemd's PrivateTmp its /tmp is not yours)";

/** Said on stderr in text mode after a file the server wrote, below the path it printed. */
export function noteServerWrote(): void {
  printLine(SERVER_WROTE_NOTE, process.stderr);
}
