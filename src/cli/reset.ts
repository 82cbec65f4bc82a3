// `raqib reset [--topics] [--feeds] [--articles] [--subscriptions] [--delivery] [--feedback] [--config FILE] [--yes]`:
// start clean. Without --yes it only prints what it would remove (a dry run); with --yes it
// removes it. No part named: all of them. The parts and their namespaces come from the store
// layer's one list (store/namespaces.ts), so new kinds of state are never left behind.
// Config subscriptions come back at the next start (seeded).
import type { Store } from '../store/open-store.ts';
import { NAMESPACES, RESET_PARTS, type NamespaceInfo, type ResetPart } from '../store/namespaces.ts';
import { clearParts, surveyParts } from '../store/store-reset.ts';
import { parseOrUsage, flagValue, write, type CliIO } from './io.ts';
import { openStoreOrReport, requireConfigContext } from './context.ts';

const USAGE = `usage: raqib reset ${RESET_PARTS.map((p) => `[--${p}]`).join(' ')} [--config FILE] [--yes]`;

/** Runtime topics and feeds are named (the first 50), so that the operator sees what goes. */
const NAMED = new Set(['runtime_topics', 'personal_topics', 'runtime_feeds']);

/** One line per part: how many entries in each namespace; then the ids of runtime topics and feeds. */
async function survey(store: Store, parts: readonly ResetPart[]): Promise<{ lines: string[]; total: number }> {
  const lines: string[] = [];
  let total = 0;
  for (const survey of await surveyParts(store, parts)) {
    const { part } = survey;
    // An index goes with its data (clearParts removes it) but is no entry an operator counts.
    const namespaces = survey.namespaces.filter((ns) => !(NAMESPACES[ns.name] as NamespaceInfo).index);
    const ids: string[] = [];
    for (const ns of namespaces) {
      total += ns.keys.length;
      if (NAMED.has(ns.name)) ids.push(...ns.keys.slice(0, 50).map((k) => `    ${k}`));
    }
    lines.push(`  ${part}: ${namespaces.map((ns) => `${ns.name} ${ns.keys.length}`).join(', ')}`, ...ids);
  }
  return { lines, total };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], switches: [...RESET_PARTS, 'yes'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const ctx = await requireConfigContext(io, flagValue(parsed.args, 'config'));
  if (!ctx) return 2;
  const named = RESET_PARTS.filter((p) => parsed.args.flags.has(p));
  const parts = named.length > 0 ? named : [...RESET_PARTS];
  const store = await openStoreOrReport(io, ctx.env);
  if (!store) return 1;
  try {
    const { lines, total } = await survey(store, parts);
    const yes = parsed.args.flags.has('yes');
    const head = yes ? 'removing' : 'would remove (dry run; add --yes to remove; stop raqib first)';
    await write(io.stdout, `${head} from ${store.displayUrl}:\n${lines.join('\n')}\n`);
    if (!yes) return 0;
    await clearParts(store, parts);
    await write(io.stdout, `removed ${total} entr${total === 1 ? 'y' : 'ies'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
