#!/usr/bin/env node
// Runs the compiled entry point; `npm run build` (or `npm ci`, through `prepare`) creates it.
import process from 'node:process';

// Ink draws nothing until exit when it believes it runs under CI (it reads CI when loaded). The
// TUI only ever runs on a terminal, so on a terminal it must draw live whatever CI says.
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
await import('../dist/cli/main.js');
