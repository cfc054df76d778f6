// Preloaded with `node --import` into a child under test: at exit it writes the process's peak
// resident set size (kilobytes) to the file named by OATHDESK_RSS_FILE.
import fs from 'node:fs';
import process from 'node:process';

const file = process.env.OATHDESK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
