// What most subcommands need: env, config, topics, and (on demand) the store.
import { parseEnv, type Env } from '../config/env.ts';
import { formatProblems, type Problem } from '../config/problems.ts';
import { readConfig, resolveConfigPath, type LoadedConfig } from '../config/load.ts';
import { defaultStoreUrl } from '../config/store-path.ts';
import { compileTopics, type Matcher } from '../topics/index.ts';
import type { Store } from '../store/open-store.ts';
import type { TopicDef } from '../core/types.ts';
import { write, type CliIO } from './io.ts';

export const EXIT_USAGE = 2;
export const EXIT_CONFIG = 2;

export interface ConfigContext {
  env: Env;
  loaded: LoadedConfig;
  /** The default pack's topics composed with the config's (see src/config/load.ts). */
  topics: TopicDef[];
  matcher: Matcher;
}

export type ConfigContextResult = { ok: true; ctx: ConfigContext } | { ok: false; problems: { source: string; problems: Problem[] }[] };

export function loadConfigContext(io: CliIO, configFlag: string | undefined): ConfigContextResult {
  const failures: { source: string; problems: Problem[] }[] = [];
  const envResult = parseEnv(io.env);
  if (!envResult.ok) failures.push({ source: 'environment', problems: envResult.problems });
  const raw = typeof io.env.RAQIB_CONFIG === 'string' && io.env.RAQIB_CONFIG.trim() !== '' ? io.env.RAQIB_CONFIG : undefined;
  const path = resolveConfigPath(configFlag, raw, io.cwd);
  const cfg = readConfig(path);
  if (!cfg.ok) failures.push({ source: path, problems: cfg.problems });
  const topics = cfg.ok ? cfg.loaded.config.topics : [];
  if (failures.length > 0 || !envResult.ok || !cfg.ok) return { ok: false, problems: failures };
  // Unset RAQIB_STORE: the config in use has a store of its own (never another config's data).
  const env = envResult.env.storeSet ? envResult.env : { ...envResult.env, RAQIB_STORE: defaultStoreUrl(cfg.loaded.path) };
  return { ok: true, ctx: { env, loaded: cfg.loaded, topics, matcher: compileTopics(topics) } };
}

/** Prints every problem, grouped by where it came from. */
export async function reportProblems(io: CliIO, failures: { source: string; problems: Problem[] }[]): Promise<void> {
  const total = failures.reduce((n, f) => n + f.problems.length, 0);
  let out = `raqib: refusing to start — ${total} problem${total === 1 ? '' : 's'}:\n`;
  for (const f of failures) out += `${f.source}:\n${formatProblems(f.problems)}\n`;
  await write(io.stderr, out);
}

/** Loads config or prints all problems; returns undefined after printing. */
export async function requireConfigContext(io: CliIO, configFlag: string | undefined): Promise<ConfigContext | undefined> {
  const r = loadConfigContext(io, configFlag);
  if (!r.ok) {
    await reportProblems(io, r.problems);
    return undefined;
  }
  return r.ctx;
}

export async function openStoreOrReport(io: CliIO, env: Env): Promise<Store | undefined> {
  try {
    // Loaded on first use: the store's clients (Redis, SQLite) are hundreds of files that
    // commands without a store (raqib classify, raqib check) should not pay for at start-up.
    const { openStore } = await import('../store/open-store.ts');
    return await openStore(env.RAQIB_STORE, { cwd: io.cwd });
  } catch (e) {
    await write(io.stderr, `raqib: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** The config and the store it names, or the exit code once the reason is written (2: the config, 1: the store). */
export async function openConfigStore(io: CliIO, configFlag: string | undefined): Promise<{ ctx: ConfigContext; store: Store } | { exit: number }> {
  const ctx = await requireConfigContext(io, configFlag);
  if (!ctx) return { exit: EXIT_USAGE };
  const store = await openStoreOrReport(io, ctx.env);
  return store ? { ctx, store } : { exit: 1 };
}
