import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';

/** Runs `raqib start` with no tokens, writes commands to stdin, and collects stdout until `until` appears. */
function runConsole(
  cwd: string,
  commands: string[],
  until: RegExp,
  timeoutMs = 30_000,
): Promise<{ stdout: string; stderr: string; exitCode: Promise<number | null>; kill(sig?: NodeJS.Signals): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, LOG_LEVEL: 'info', RAQIB_STORE: `sqlite://${join(cwd, 'data', 'raqib.sqlite')}` },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exitCode = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no match for ${until} within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ stdout: out, stderr: err, exitCode, kill: (sig = 'SIGTERM') => child.kill(sig) });
      }
    });
    child.stderr.on('data', (d) => (err += d));
    // Commands go in as a pipe that then closes: at EOF raqib keeps running (a service's stdin is often empty).
    child.stdin.end(commands.map((c) => `${c}\n`).join(''));
  });
}

describe('npm start with no platform tokens (console platform)', () => {
  it('ingests the bundled feeds, prints digests with Arabic text, answers commands, keeps running at EOF, stops on SIGTERM', async () => {
    const t = tempDir();
    try {
      const run = await runConsole(t.dir, ['/digest iraq', '/topics', '/digest nope 24h'], /Unknown topic "nope"[\s\S]*Usage: \/digest/);
      const [startup, afterPrompt] = run.stdout.split('Type a command');
      // One digest per default topic, before commands are read.
      for (const name of ['withdrawal', 'militia', 'strikes', 'Iraq']) expect(startup).toMatch(new RegExp(name, 'i'));
      expect(startup).toMatch(/[\u0600-\u06FF]{3,}/);
      expect(startup).toContain('https://example.com/ar/');
      // The off-topic items never reach a digest.
      expect(run.stdout).not.toContain('gold');
      expect(run.stdout).not.toContain('bank-withdrawals');
      // /digest iraq answered from the store, with Arabic and English stories.
      expect(afterPrompt).toMatch(/Iraq/);
      expect(afterPrompt).toMatch(/[\u0600-\u06FF]{3,}/);
      expect(afterPrompt).toMatch(/Topics \(4\)/);
      // Still running after stdin closed.
      await new Promise((r) => setTimeout(r, 300));
      run.kill('SIGTERM');
      expect(await run.exitCode).toBe(0);
    } finally {
      t.remove();
    }
  }, 60_000);

  it('refuses a broken config before starting anything, listing every problem (exit 2)', async () => {
    const t = tempDir();
    try {
      const { writeFileSync, existsSync } = await import('node:fs');
      writeFileSync(join(t.dir, 'raqib.yaml'), 'feeds:\n  - url: ./x.xml\n    interval: often\ntopics:\n  - id: a\n    query: "x AND"\n');
      const child = spawn(process.execPath, [BIN, 'start'], {
        cwd: t.dir,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', RAQIB_STORE: `sqlite://${join(t.dir, 'data', 'r.sqlite')}` },
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(code).toBe(2);
      expect(err).toContain('feeds[0].interval');
      expect(err).toContain('topics[0].query');
      expect(existsSync(join(t.dir, 'data'))).toBe(false);
    } finally {
      t.remove();
    }
  }, 30_000);
  it('a store that cannot be reached fails the start with one plain line and no stack trace (exit 1)', async () => {
    const t = tempDir();
    try {
      // Port 1 on loopback refuses at once: an operator's mistake, not a bug in raqib.
      const child = spawn(process.execPath, [BIN, 'start'], {
        cwd: t.dir,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', RAQIB_STORE: 'redis://127.0.0.1:1' },
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(code).toBe(1);
      expect(err).toContain('raqib: cannot open store redis://127.0.0.1:1');
      expect(err).not.toMatch(/"stack"|\n\s+at /);
    } finally {
      t.remove();
    }
  }, 30_000);
});
