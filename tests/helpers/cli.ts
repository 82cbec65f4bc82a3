// Runs CLI subcommands in-process with their own streams (fast), or as a real child process
// through the package bin (the contract: `npx raqib …`).
import { PassThrough, Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { main } from '../../src/cli.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, {
    stdin: Readable.from([opts.stdin ?? '']),
    stdout,
    stderr,
    env: opts.env ?? { LOG_LEVEL: 'silent' },
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout: out, stderr: err };
}

export const BIN = resolve(process.cwd(), 'bin/raqib.js');

/** Spawns `node bin/raqib.js …`, feeds stdin, and collects output until exit (or the timeout). */
export function spawnCli(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: opts.cwd ?? process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`raqib ${argv.join(' ')} timed out; stderr: ${err}`));
    }, opts.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout: out, stderr: err });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
