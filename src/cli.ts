// The `raqib` command line (contract in DESIGN.md). Each subcommand lives in src/cli/<name>.ts and
// exports `run(argv, io) → exit code`; modules load lazily so `raqib classify` never pays for Bolt.
import { loadDotenv } from './config/env.ts';
import { processIO, write, type CliIO } from './cli/io.ts';

type Runner = (argv: string[], io: CliIO) => Promise<number>;

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Runner }> }> = {
  start: { summary: 'run the bot (what npm start does)', load: () => import('./cli/start.ts') },
  check: { summary: 'validate config and env, report every problem', load: () => import('./cli/check.ts') },
  reset: { summary: 'remove stored topics, feeds, articles or subscriptions (dry run without --yes)', load: () => import('./cli/reset.ts') },
  classify: { summary: 'JSON Lines articles on stdin → topics per article on stdout', load: () => import('./cli/classify.ts') },
  digest: { summary: 'print the digest a channel would get, from stored articles', load: () => import('./cli/digest.ts') },
  feeds: { summary: 'list, add, remove, preview, import or export feeds (OPML)', load: () => import('./cli/feeds.ts') },
  stories: { summary: 'JSON Lines articles on stdin → the story (event) each one belongs to', load: () => import('./cli/stories.ts') },
  ingest: { summary: 'fetch (or read) feeds once, match and store', load: () => import('./cli/ingest.ts') },
  feedback: { summary: 'export the 👍 / 👎 verdicts given on alerts as JSON Lines', load: () => import('./cli/feedback.ts') },
  trend: { summary: 'stories per day for topics: summary, JSON series or a PNG chart', load: () => import('./cli/trend.ts') },
  'slack-manifest': { summary: 'print the Slack app manifest', load: () => import('./cli/slack-manifest.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((k) => k.length));
  const lines = Object.entries(SUBCOMMANDS).map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`);
  return `usage: raqib <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nraqib <command> --help shows a command's options.\n`;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(name ? io.stdout : io.stderr, usage());
    return name ? 0 : 2;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    await write(io.stderr, `raqib: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  if (io.env === process.env) await loadDotenv(`${io.cwd}/.env`);
  const mod = await sub.load();
  return mod.run(rest, io);
}
