// The console platform: slash commands typed on stdin, replies and digests printed to stdout.
// It is what `npm start` runs with no platform tokens. At EOF it keeps running: a service's
// stdin is often empty, and scheduled digests still print.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { KeyedMutex } from '../../core/keyed-mutex.ts';
import type { OutboundMessage, SendOutcome, Sender } from '../../core/outbound.ts';
import { dispatch, parseCommandLine, pickLang } from '../../../commands/registry.ts';
import type { CommandContext, CommandServices, Reply } from '../../../commands/types.ts';
import type { Digest } from '../../digest/types.ts';
import { t } from '../../i18n/catalogue.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  services: CommandServices;
  /** Renders a digest carried by a Reply as terminal text (default: the Reply's own text). */
  renderDigest?: (digest: Digest) => string;
  now?: () => number;
  /** Told about commands that failed unexpectedly (the person sees a short message). */
  onError?: (err: unknown) => void;
}

export interface ConsolePlatform {
  sender: Sender;
  /** Resolves once every line read so far has been answered (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

const CHAT = 'terminal';

/**
 * A reply as terminal text. A picture is not printed (a terminal shows no PNG): its caption is,
 * with a note of what was drawn.
 */
function renderReply(reply: Reply, renderDigest: ConsoleOptions['renderDigest']): string {
  return reply.digest !== undefined && renderDigest
    ? renderDigest(reply.digest)
    : reply.image
      ? `${reply.text}\n(chart ${reply.image.filename}: ${reply.image.png.length} bytes, not shown here; raqib trend --out FILE.png writes one)`
      : reply.text;
}

/** The terminal's command context: one private chat whose operator is its admin. */
function consoleContext(args: string, services: CommandServices, now: () => number): CommandContext {
  return {
    platform: 'console',
    chat: { id: CHAT, kind: 'private' },
    user: { id: 'operator' },
    lang: pickLang(undefined, args),
    // Whoever holds the terminal runs the process: they are its admin.
    isAdmin: async () => true,
    isChatAdmin: async () => true,
    services,
    now,
  };
}

export function startConsole(opts: ConsoleOptions): ConsolePlatform {
  const now = opts.now ?? Date.now;
  const print = (text: string) => {
    opts.output.write(text.endsWith('\n') ? text : `${text}\n`);
  };

  // Lines are answered one at a time, in order.
  const inOrder = new KeyedMutex();
  const rl = createInterface({ input: opts.input, crlfDelay: Infinity, terminal: false });
  rl.on('line', (line) => {
    inOrder
      .run(CHAT, () => answerLine(line))
      .catch((err: unknown) => {
        // dispatch never throws; this is the terminal itself failing (a closed stdout).
        if (opts.onError) opts.onError(err);
        else console.error('raqib console:', err);
      });
  });

  async function answerLine(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const parsed = parseCommandLine(trimmed);
    if (!parsed) {
      print(t(pickLang(undefined, trimmed), 'platform.commandsStartWith'));
      return;
    }
    const ctx = consoleContext(parsed.args, opts.services, now);
    print(renderReply(await dispatch(ctx, parsed.name, parsed.args, opts.onError), opts.renderDigest));
  }

  const sender: Sender = {
    platform: 'console',
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const b = message.body;
      print(b.format === 'telegram-html' ? b.html : b.text);
      return { ok: true };
    },
  };

  return {
    sender,
    idle: () => inOrder.idle(),
    stop: () => rl.close(),
  };
}
