// Reads and validates the YAML config file. Relative feed paths are resolved against the file's
// folder so that a config works from any working directory.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { configSchema, type RaqibConfig } from './schema.ts';
import { ConfigError, zodProblems, type Problem } from './problems.ts';

/** The example config that ships with raqib: topic pack plus local example feeds. */
export const BUNDLED_CONFIG = fileURLToPath(new URL('../../examples/raqib.yaml', import.meta.url));

export interface LoadedConfig {
  path: string;
  config: RaqibConfig;
}

/** --config, else RAQIB_CONFIG, else ./raqib.yaml when present, else the bundled example. */
export function resolveConfigPath(flag: string | undefined, envPath: string | undefined, cwd = process.cwd()): string {
  if (flag) return resolve(cwd, flag);
  if (envPath) return resolve(cwd, envPath);
  const local = resolve(cwd, 'raqib.yaml');
  return existsSync(local) ? local : BUNDLED_CONFIG;
}

export type ConfigResult = { ok: true; loaded: LoadedConfig } | { ok: false; path: string; problems: Problem[] };

export function readConfig(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, path, problems: [{ path: '(file)', message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  return parseConfigText(text, path);
}

export function parseConfigText(text: string, path: string): ConfigResult {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
    return { ok: false, path, problems: [{ path: '(yaml)', message: `not valid YAML${where}: ${(e as Error).message.split('\n')[0]}` }] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, path, problems: [{ path: '(root)', message: 'the config file must be a mapping with feeds, topics, subscriptions or settings' }] };
  }
  const r = configSchema.safeParse(data);
  if (!r.success) return { ok: false, path, problems: zodProblems(r.error) };
  const base = dirname(path);
  const config: RaqibConfig = {
    ...r.data,
    feeds: r.data.feeds?.map((f) => ({ ...f, url: resolveFeedLocation(f.url, base) })),
  };
  return { ok: true, loaded: { path, config } };
}

/** Turns a local path into a file:// URL relative to the config's folder; URLs are kept. */
export function resolveFeedLocation(location: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  return pathToFileURL(isAbsolute(location) ? location : resolve(base, location)).href;
}

export function loadConfigOrThrow(path: string): LoadedConfig {
  const r = readConfig(path);
  if (!r.ok) throw new ConfigError(r.path, r.problems);
  return r.loaded;
}
