#!/usr/bin/env node
// The package's bin. It runs the TypeScript sources through tsx so that `npx raqib …` works
// right after `npm ci`, with no build step (the command-line contract in DESIGN.md).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const { main } = await import(cli);
const code = await main(process.argv.slice(2));
process.exitCode = typeof code === 'number' ? code : 0;
// Output is flushed by now (commands await their writes). Handles such as a still-open stdin
// pipe must not keep a finished command alive: give stragglers a moment, then leave.
setTimeout(() => process.exit(), 500).unref();
