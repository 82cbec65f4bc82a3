// `raqib start`: validate everything, then run until SIGINT/SIGTERM. A bad config or env is
// refused before anything starts (exit 2), with every problem listed.
import { flagValue, parseOrUsage, write, type CliIO } from './io.ts';
import { requireConfigContext } from './context.ts';
import { createLogger } from '../log.ts';
import { startApp } from '../main.ts';
import { RaqibError } from '../core/types.ts';

const USAGE = 'usage: raqib start [--config FILE]';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const ctx = await requireConfigContext(io, flagValue(parsed.args, 'config'));
  if (!ctx) return 2;
  const log = createLogger(ctx.env.LOG_LEVEL);
  let app;
  try {
    app = await startApp({ ...ctx, log, stdin: io.stdin, stdout: io.stdout, cwd: io.cwd });
  } catch (e) {
    // An expected failure (store unreachable, bad path) is the operator's to fix: log it without a stack.
    if (e instanceof RaqibError) log.error({ code: e.code }, `start failed: ${e.message}`);
    else log.error({ err: e }, 'start failed');
    await write(io.stderr, `raqib: ${(e as Error).message}\n`);
    return 1;
  }
  const running = app;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      // A second signal, or a shutdown that hangs, ends the process anyway.
      const force = setTimeout(() => resolve(1), 15_000);
      force.unref();
      running
        .stop()
        .then(() => resolve(0))
        .catch((e: unknown) => {
          log.error({ err: e }, 'shutdown failed');
          resolve(1);
        })
        .finally(() => clearTimeout(force));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
