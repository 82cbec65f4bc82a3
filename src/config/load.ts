// Reads and validates the YAML config file. Relative feed paths are resolved against the file's
// folder so that a config works from any working directory.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { configSchema, type RaqibConfig } from './schema.ts';
import { defaultPackLayer } from '../topics/default-pack.ts';
import { readTopicDocument } from '../topics/topic-read.ts';
import { buildTopics } from '../topics/topic-build.ts';
import type { FeedResolver } from '../topics/feed-scope.ts';
import { feedIdFor, feedLocationKey } from '../feeds/feed-spec.ts';
import type { TopicDef } from '../core/types.ts';
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

/** A config file is a few kilobytes (the default pack is ~20 KB); this cap keeps a wrong path such
 * as /dev/zero or a log file from exhausting memory before the YAML parser refuses it. */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
};

/** Reads at most MAX_CONFIG_BYTES + 1 bytes, so the cap holds for pipes and devices too. */
function readCapped(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let len = 0;
    for (let n = 1; n > 0 && len < buf.length; len += n) n = readSync(fd, buf, len, buf.length - len, null);
    return buf.subarray(0, len);
  } finally {
    closeSync(fd);
  }
}

export function readConfig(path: string): ConfigResult {
  const fail = (message: string): ConfigResult => ({ ok: false, path, problems: [{ path: '(file)', message }] });
  let bytes: Buffer;
  try {
    bytes = readCapped(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`cannot read ${path}: ${(code && READ_ERRORS[code]) ?? code ?? String(e)}`);
  }
  if (bytes.length > MAX_CONFIG_BYTES) return fail(`larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB: not a config file?`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A Latin-1 or windows-1256 save would otherwise reach the matcher as U+FFFD and fail obscurely.
    return fail(`not valid UTF-8 (line ${firstInvalidLine(bytes)}): save the file as UTF-8`);
  }
  return parseConfigText(text, path);
}

/** The line of the first invalid sequence: the lossy decode marks it with U+FFFD. */
function firstInvalidLine(bytes: Buffer): number {
  const lossy = bytes.toString('utf8');
  const at = lossy.indexOf('\uFFFD');
  return lossy.slice(0, Math.max(0, at)).split('\n').length;
}

/** The YAML document, or the problem that keeps it from being one. */
function parseYamlDocument(text: string): { doc: ReturnType<typeof parseDocument>; lines: LineCounter; data: unknown } | Problem {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const e = doc.errors[0];
  if (e) {
    const where = e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
    return { path: '(yaml)', message: `not valid YAML${where}: ${e.message.split('\n')[0]}` };
  }
  try {
    return { doc, lines, data: doc.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (err) {
    return { path: '(yaml)', message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
}

/**
 * The config's topics composed with the default pack: added, replacing a pack topic by id, or
 * changing one with `extends:`. Problems in the pack itself (a bug) are reported with its file.
 */
function composeTopics(
  parsed: { doc: ReturnType<typeof parseDocument>; lines: LineCounter; data: unknown },
  path: string,
  usePack: boolean,
): { topics: TopicDef[]; problems: Problem[] } {
  const pack = { ...defaultPackLayer(), useTopics: usePack };
  const raw = readTopicDocument(parsed.doc, parsed.lines);
  const r = buildTopics([pack, { file: path, origin: 'config', raw }], { feedRef: configFeedResolver(parsed.data, dirname(path)) });
  const problems = r.problems.map((p) => ({
    path: p.file === path ? p.path : `${p.file}: ${p.path}`,
    ...(p.line !== undefined ? { line: p.line } : {}),
    message: p.message,
  }));
  return { topics: r.topics.filter((t) => !t.id.startsWith('#')), problems };
}

/**
 * A topic's `feeds:` names a feed of the config by its name (any case), its id (as /status and
 * `raqib feeds list` show it) or its URL (any spelling of the same location).
 */
function configFeedResolver(data: unknown, base: string): FeedResolver {
  const list = (data as { feeds?: unknown }).feeds;
  const feeds = (Array.isArray(list) ? list : [])
    .map((f) => f as { url?: unknown; name?: unknown } | null)
    .filter((f): f is { url: string; name?: unknown } => typeof f?.url === 'string' && f.url !== '')
    .map((f) => {
      const url = resolveFeedLocation(f.url, base);
      return { id: feedIdFor(url), key: feedLocationKey(url), name: typeof f.name === 'string' ? f.name.toLowerCase() : undefined };
    });
  return (ref) => {
    const byName = feeds.find((f) => f.id === ref || f.name === ref.toLowerCase());
    if (byName) return byName.id;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) return undefined;
    const key = feedLocationKey(resolveFeedLocation(ref, base));
    return feeds.find((f) => f.key === key)?.id;
  };
}

/** Subscriptions must name a topic of the composed list. */
function subscriptionProblems(data: Record<string, unknown>, topics: readonly TopicDef[], known: ReadonlySet<string>): Problem[] {
  const ids = new Set([...topics.map((t) => t.id), ...known]);
  const subs = Array.isArray(data.subscriptions) ? data.subscriptions : [];
  const out: Problem[] = [];
  subs.forEach((s, i) => {
    const topic = (s as { topic?: unknown } | null)?.topic;
    if (typeof topic === 'string' && topic !== '' && !ids.has(topic)) out.push({ path: `subscriptions[${i}].topic`, message: `unknown topic "${topic}"` });
  });
  return out;
}

export function parseConfigText(text: string, path: string): ConfigResult {
  const parsed = parseYamlDocument(text);
  if ('path' in parsed) return { ok: false, path, problems: [parsed] };
  const data = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, path, problems: [{ path: '(root)', message: 'the config file must be a mapping with feeds, topics, subscriptions or settings' }] };
  }
  const r = configSchema.safeParse(data);
  const usePack = (data as { settings?: { defaultPack?: unknown } }).settings?.defaultPack !== false;
  const composed = composeTopics(parsed, path, usePack);
  // Ids of topics that have problems still count, so a subscription to them is not reported twice.
  const rawIds = new Set(readTopicIds(data));
  const cross = [...composed.problems, ...subscriptionProblems(data as Record<string, unknown>, composed.topics, rawIds)];
  if (!r.success || cross.length > 0) {
    // Field problems and topic problems together.
    return { ok: false, path, problems: [...(r.success ? [] : zodProblems(r.error, '', configSchema)), ...cross] };
  }
  const base = dirname(path);
  const config: RaqibConfig = {
    ...r.data,
    topics: composed.topics,
    feeds: r.data.feeds?.map((f) => ({ ...f, url: resolveFeedLocation(f.url, base) })),
  };
  return { ok: true, loaded: { path, config } };
}

function readTopicIds(data: object): string[] {
  const topics = (data as { topics?: unknown }).topics;
  if (!Array.isArray(topics)) return [];
  return topics.map((t) => (t as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
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
