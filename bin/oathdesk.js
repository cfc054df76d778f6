#!/usr/bin/env node
// Runs the compiled entry point; `npm run build` (or `npm ci`, through `prepare`) creates it.
import '../dist/cli/main.js';
