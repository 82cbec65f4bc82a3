// The streams and environment a CLI subcommand works with; passed in so tests can run commands
// in-process with their own streams.
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Writes and resolves once the data is flushed (large outputs to pipes). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

/** Splits argv into flags (`--name value`, `--name=value`, `--flag`) and positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], valueFlags: readonly string[]): ParsedArgs | { error: string } {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (valueFlags.includes(name)) {
      // `--since --format json` is a missing value, not a since of "--format" (use --name=--x for that).
      const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1]?.startsWith('--') ? undefined : argv[++i];
      if (value === undefined || value === '') return { error: `--${name} needs a value` };
      flags.set(name, value);
    } else {
      if (eq > 0) return { error: `--${name} takes no value` };
      flags.set(name, true);
    }
  }
  return { positionals, flags };
}

export interface ArgSpec {
  /** Flags that take a value (`--config FILE`). */
  values?: readonly string[];
  /** Flags that take none (`--explain`). */
  switches?: readonly string[];
  /** Most positional arguments allowed (default 0). */
  maxPositionals?: number;
  usage: string;
}

/**
 * Parses a subcommand's arguments strictly: an unknown option or an extra argument prints the
 * problem and the usage on stderr (exit 2); `--help` prints the usage on stdout (exit 0).
 */
export async function parseOrUsage(argv: readonly string[], io: CliIO, spec: ArgSpec): Promise<{ args: ParsedArgs } | { exit: number }> {
  if (argv.includes('--help') || argv.includes('-h')) {
    await write(io.stdout, `${spec.usage}\n`);
    return { exit: 0 };
  }
  const args = parseArgs(argv, spec.values ?? []);
  let problem: string | undefined;
  if ('error' in args) problem = args.error;
  else if (args.positionals.length > (spec.maxPositionals ?? 0)) problem = `unexpected argument "${args.positionals[spec.maxPositionals ?? 0]}"`;
  else {
    const unknown = [...args.flags.keys()].find((k) => !(spec.values ?? []).includes(k) && !(spec.switches ?? []).includes(k));
    if (unknown) problem = `unknown option --${unknown}`;
  }
  if (problem !== undefined || 'error' in args) {
    await write(io.stderr, `${problem}\n${spec.usage}\n`);
    return { exit: 2 };
  }
  return { args };
}

/** The value of a `--name VALUE` flag, if given. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
