// `raqib check [--config FILE]`: validate config and env, report every problem, exit 2 on any.
import { parseArgs, write, type CliIO } from './io.ts';
import { EXIT_USAGE, loadConfigContext, reportProblems } from './context.ts';

const USAGE = 'usage: raqib check [--config FILE]';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['config']);
  if ('error' in args || args.positionals.length > 0) {
    await write(io.stderr, `${'error' in args ? args.error : `unexpected argument "${args.positionals[0]}"`}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const cfg = args.flags.get('config');
  const r = loadConfigContext(io, typeof cfg === 'string' ? cfg : undefined);
  if (!r.ok) {
    await reportProblems(io, r.problems);
    return 2;
  }
  const c = r.ctx.loaded.config;
  const platforms = [r.ctx.env.SLACK_BOT_TOKEN ? 'slack' : '', r.ctx.env.TELEGRAM_BOT_TOKEN ? 'telegram' : ''].filter(Boolean);
  await write(
    io.stdout,
    `ok: ${r.ctx.loaded.path}\n` +
      `  ${c.feeds?.length ?? 0} feeds, ${r.ctx.topics.length} topics${c.topics ? '' : ' (default pack)'}, ${c.subscriptions?.length ?? 0} subscriptions\n` +
      `  platforms: ${platforms.length ? platforms.join(', ') : 'console (no platform tokens)'}\n`,
  );
  return 0;
}
