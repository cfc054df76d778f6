// Builds dist/ once before the tests: the end-to-end tests run the real `oathdesk` binary.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
