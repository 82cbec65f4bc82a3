// `raqib feeds list|add|remove|preview|import|export`: the operator's twin of /feeds, on the same
// store as the running bot (which re-reads runtime feeds on every scheduler refresh, so changes
// here are polled without a restart). Exit codes per the CLI contract: 0 ok, 1 some input bad,
// 2 bad usage (including "several feeds found, say which").
import { readFile, stat } from 'node:fs/promises';
import { formatDuration, parseDuration } from '../core/duration.ts';
import { FeedSources, type FeedListing, type ImportReport } from '../app/feed-sources.ts';
import { createFetcher } from '../feeds/fetch.ts';
import { OPML_LIMITS, readOpml, writeOpml, type OpmlFeed } from '../feeds/opml.ts';
import { FeedStateStore } from '../store/feed-state-store.ts';
import type { Store } from '../store/open-store.ts';
import { RegistryStore } from '../store/registry-store.ts';
import { EXIT_USAGE, openConfigStore, type ConfigContext } from './context.ts';
import { chooseFeeds, previewText } from './feeds-discover.ts';
import { flagValue, parseOrUsage, write, type ArgSpec, type CliIO, type ParsedArgs } from './io.ts';

const ACTIONS = ['list', 'add', 'remove', 'preview', 'import', 'export'] as const;
type Action = (typeof ACTIONS)[number];

const SPECS: Record<Action, ArgSpec> = {
  list: { values: ['config', 'format'], maxPositionals: 0, usage: 'usage: raqib feeds list [--format text|json] [--config FILE]' },
  add: {
    values: ['config', 'name', 'interval', 'max-age', 'pick'],
    switches: ['full-text', 'all'],
    maxPositionals: 1,
    usage: 'usage: raqib feeds add URL [--name NAME] [--interval 5m] [--full-text] [--max-age 3d] [--pick N | --all] [--config FILE]',
  },
  remove: { values: ['config'], maxPositionals: 1, usage: 'usage: raqib feeds remove URL [--config FILE]' },
  preview: { values: ['config', 'pick'], maxPositionals: 1, usage: 'usage: raqib feeds preview URL [--pick N] [--config FILE]' },
  import: {
    values: ['config'],
    maxPositionals: 1,
    usage: `usage: raqib feeds import FILE.opml [--config FILE]  (at most ${OPML_LIMITS.maxEntries} feeds and 1 MB; "-" reads stdin)`,
  },
  export: { values: ['config'], maxPositionals: 0, usage: 'usage: raqib feeds export [--config FILE] > feeds.opml' },
};

export const USAGE = `usage: raqib feeds list|add|remove|preview|import|export …\n${Object.values(SPECS)
  .map((s) => `  ${s.usage.replace(/^usage: /, '')}`)
  .join('\n')}`;

interface Env {
  io: CliIO;
  args: ParsedArgs;
  ctx: ConfigContext;
  sources: FeedSources;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h') return say(io.stdout, `${USAGE}\n`, 0);
  if (!ACTIONS.includes(action as Action)) {
    await write(io.stderr, `raqib feeds: ${action ? `unknown action "${action}"` : 'which action?'}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const spec = SPECS[action as Action];
  const parsed = await parseOrUsage(rest, io, spec);
  if ('exit' in parsed) return parsed.exit;
  const needsUrl = action !== 'list' && action !== 'export';
  if (needsUrl && parsed.args.positionals.length === 0) {
    await write(io.stderr, `raqib feeds ${action}: which ${action === 'import' ? 'file' : 'URL'}?\n${spec.usage}\n`);
    return EXIT_USAGE;
  }
  const opened = await openConfigStore(io, flagValue(parsed.args, 'config'));
  if ('exit' in opened) return opened.exit;
  const { ctx, store } = opened;
  try {
    const env: Env = { io, args: parsed.args, ctx, sources: sourcesFor(store, ctx) };
    return await ACTION_RUNNERS[action as Action](env);
  } catch (e) {
    await write(io.stderr, `raqib feeds ${action}: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** Writes and returns the exit code (one-line exits). */
async function say(stream: CliIO['stdout'], text: string, code: number): Promise<number> {
  await write(stream, text);
  return code;
}

function sourcesFor(store: Store, ctx: ConfigContext): FeedSources {
  const settings = ctx.loaded.config.settings ?? {};
  return new FeedSources({
    registry: new RegistryStore(store),
    feedStates: new FeedStateStore(store),
    configFeeds: ctx.loaded.config.feeds ?? [],
    ...(settings.allowPrivateNetworks ? { allowPrivateNetworks: settings.allowPrivateNetworks } : {}),
  });
}

const ACTION_RUNNERS: Record<Action, (e: Env) => Promise<number>> = { list, add, remove, preview, import: importFile, export: exportOpml };

async function list({ io, args, sources }: Env): Promise<number> {
  const format = flagValue(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    await write(io.stderr, `raqib feeds list: --format must be text or json (got "${format}")\n${SPECS.list.usage}\n`);
    return EXIT_USAGE;
  }
  const feeds = await sources.list();
  if (format === 'json') await write(io.stdout, feeds.map((f) => JSON.stringify(f)).join('\n') + (feeds.length ? '\n' : ''));
  else await write(io.stdout, feeds.length === 0 ? 'no feeds\n' : feeds.map(listLine).join(''));
  return 0;
}

function listLine(f: FeedListing): string {
  const h = f.health;
  const health = !h
    ? 'not polled yet'
    : h.disabledReason
      ? `disabled: ${h.disabledReason}`
      : h.failures > 0
        ? `failing ×${h.failures}: ${h.lastError ?? '?'}`
        : `ok, last poll ${h.lastPollAt ?? '—'}`;
  const settings = [
    f.intervalMs ? `every ${formatDuration(f.intervalMs)}` : '',
    f.fullText ? 'full text' : '',
    f.maxAgeMs ? `max age ${formatDuration(f.maxAgeMs)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${f.url}\t${f.name ?? '-'}\t${f.origin}\t${health}${settings ? `\t${settings}` : ''}\n`;
}

/** --name, --interval, --full-text, --max-age as a feed's settings; a string is the problem. */
function settingsFrom(args: ParsedArgs): Omit<OpmlFeed, 'url'> | string {
  const out: Omit<OpmlFeed, 'url'> = {};
  const name = flagValue(args, 'name');
  if (name !== undefined) out.name = name;
  for (const [flag, key] of [
    ['interval', 'intervalMs'],
    ['max-age', 'maxAgeMs'],
  ] as const) {
    const v = flagValue(args, flag);
    if (v === undefined) continue;
    const ms = parseDuration(v);
    if (ms === undefined) return `--${flag} "${v}" is not a duration such as 90s, 5m, 24h or 3d`;
    out[key] = ms;
  }
  if (args.flags.has('full-text')) out.fullText = true;
  return out;
}

function pickFrom(args: ParsedArgs): number | undefined | string {
  const v = flagValue(args, 'pick');
  if (v === undefined) return undefined;
  return /^\d{1,3}$/.test(v) && Number(v) >= 1 ? Number(v) : `--pick must be a number from 1 (got "${v}")`;
}

async function add({ io, args, ctx, sources }: Env): Promise<number> {
  const settings = settingsFrom(args);
  const pick = pickFrom(args);
  const problem =
    typeof settings === 'string'
      ? settings
      : typeof pick === 'string'
        ? pick
        : args.flags.has('all') && pick !== undefined
          ? '--pick and --all exclude each other'
          : undefined;
  if (problem) {
    await write(io.stderr, `raqib feeds add: ${problem}\n${SPECS.add.usage}\n`);
    return EXIT_USAGE;
  }
  const fetcher = fetcherFor(ctx);
  try {
    const chosen = await chooseFeeds(args.positionals[0]!, fetcher, io, {
      verb: 'add',
      all: args.flags.has('all'),
      ...(typeof pick === 'number' ? { pick } : {}),
    });
    if (!chosen.ok) return chosen.exit;
    if (chosen.note) await write(io.stderr, `${chosen.note}\n`);
    let bad = 0;
    for (const feed of chosen.feeds) {
      const r = await sources.add({ url: feed.url, ...(settings as Omit<OpmlFeed, 'url'>) }, 'cli');
      if (r.status === 'added') await write(io.stdout, `added ${r.url}${feed.title ? ` (${feed.title})` : ''}\n`);
      else if (r.status === 'present') await write(io.stdout, `already present: ${r.existing}\n`);
      else {
        bad++;
        await write(io.stderr, `refused ${r.url}: ${r.reason}\n`);
      }
    }
    return bad > 0 ? 1 : 0;
  } finally {
    await fetcher.close();
  }
}

function fetcherFor(ctx: ConfigContext) {
  const settings = ctx.loaded.config.settings ?? {};
  return createFetcher({
    ...(settings.allowPrivateNetworks ? { allowPrivateNetworks: settings.allowPrivateNetworks } : {}),
    ...(settings.userAgent ? { userAgent: settings.userAgent } : {}),
    totalTimeoutMs: 20_000,
  });
}

async function preview({ io, args, ctx }: Env): Promise<number> {
  const pick = pickFrom(args);
  if (typeof pick === 'string') {
    await write(io.stderr, `raqib feeds preview: ${pick}\n${SPECS.preview.usage}\n`);
    return EXIT_USAGE;
  }
  const fetcher = fetcherFor(ctx);
  try {
    const chosen = await chooseFeeds(args.positionals[0]!, fetcher, io, { verb: 'preview', ...(pick !== undefined ? { pick } : {}) });
    if (!chosen.ok) return chosen.exit;
    if (chosen.note) await write(io.stderr, `${chosen.note}\n`);
    await write(io.stdout, `${previewText(chosen.feeds[0]!, ctx.matcher)}\n`);
    return 0;
  } finally {
    await fetcher.close();
  }
}

async function remove({ io, args, sources }: Env): Promise<number> {
  const url = args.positionals[0]!;
  const r = await sources.remove(url);
  if (r === 'removed') return say(io.stdout, `removed ${url}\n`, 0);
  await write(
    io.stderr,
    r === 'config' ? `raqib feeds remove: ${url} comes from the config file; remove it there\n` : `raqib feeds remove: no feed ${url} (see raqib feeds list)\n`,
  );
  return 1;
}

async function importFile({ io, args, sources }: Env): Promise<number> {
  const file = args.positionals[0]!;
  const bytes = file === '-' ? await readStdin(io, OPML_LIMITS.maxBytes) : await readCapped(file, OPML_LIMITS.maxBytes);
  if (typeof bytes === 'string') return say(io.stderr, `raqib feeds import: ${bytes}; nothing imported\n`, 1);
  const opml = readOpml(bytes);
  if (!opml.ok) return say(io.stderr, `raqib feeds import: ${file}: ${opml.error}\n`, 1);
  const report = await sources.import(opml.entries, 'cli:import');
  await write(io.stdout, formatReport(report));
  return report.refused.length > 0 ? 1 : 0;
}

export function formatReport(r: ImportReport): string {
  const lines = [`added ${r.added.length}, already present ${r.present.length}, refused ${r.refused.length}`];
  for (const u of r.added) lines.push(`  added    ${u}`);
  for (const p of r.present) lines.push(`  present  ${p.url}${p.existing !== p.url ? ` (as ${p.existing})` : ''}`);
  for (const x of r.refused) lines.push(`  refused  ${x.url || '(no URL)'}${x.line ? ` (line ${x.line})` : ''}: ${x.reason}`);
  return `${lines.join('\n')}\n`;
}

async function exportOpml({ io, sources }: Env): Promise<number> {
  await write(io.stdout, writeOpml(await sources.exportable()));
  return 0;
}

/** The file's bytes, or why not: a size over the limit is refused before reading it. */
async function readCapped(path: string, max: number): Promise<Buffer | string> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return `${path} is not a file`;
    if (st.size > max) return `${path} is ${Math.round((st.size / 1048576) * 10) / 10} MB; OPML imports are limited to ${max / 1048576} MB`;
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? (e as Error).message})`;
  }
}

async function readStdin(io: CliIO, max: number): Promise<Buffer | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of io.stdin) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
    size += b.length;
    if (size > max) return `standard input is over ${max / 1048576} MB, the OPML import limit`;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
