// /start — what a newcomer sees first (Telegram sends it when someone opens the bot; Slack's App
// Home and a channel's welcome show the same). In a private chat: a welcome, what raqib does in
// three lines, and the next steps as exact commands. In a group or channel: how to subscribe it
// and who may. The steps are also buttons (one `run` action each, pressed as the person who
// presses), while the text keeps them as command lines for the console and the Slack App Home.
import { NO_ARGS } from './arg-spec.ts';
import { say } from './chat-scope.ts';
import { ok, type ButtonRow, type CommandContext, type CommandDef, type Reply } from './types.ts';
import { describe, t } from '../src/i18n/catalogue.ts';

/** The topic the examples name: the first watched one ("TOPIC" when none is watched). */
async function exampleTopic(ctx: CommandContext): Promise<string> {
  return (await ctx.services.topics())[0]?.id ?? 'TOPIC';
}

/** One next step: what it does (in the reply's language) and the exact command line. */
interface Step {
  label: string;
  command: string;
}

const stepLine = (a: Step) => `• ${a.label}: ${a.command}`;

/** The steps as buttons, one a row (labels are too long to share a phone's row). */
function stepButtons(steps: readonly Step[]): ButtonRow[] {
  return steps.map((s) => {
    const [name = '', ...rest] = s.command.slice(1).split(' ');
    return [{ label: s.label, action: { kind: 'run', command: name, args: rest.join(' ') } }];
  });
}

/** The welcome for one person: three lines on what raqib does, then what to try. */
export async function privateWelcome(ctx: CommandContext): Promise<Reply> {
  const topic = await exampleTopic(ctx);
  const actions: Step[] = [
    { label: t(ctx.lang, 'start.stepTopics'), command: '/topics' },
    { label: t(ctx.lang, 'start.stepSubscribe'), command: `/subscribe ${topic}` },
    { label: t(ctx.lang, 'start.stepDigest'), command: '/digest' },
  ];
  const lines = [
    t(ctx.lang, 'start.welcome'),
    t(ctx.lang, 'start.what1'),
    t(ctx.lang, 'start.what2'),
    t(ctx.lang, 'start.what3'),
    '',
    t(ctx.lang, 'start.nextSteps'),
    ...actions.map(stepLine),
    t(ctx.lang, 'start.allCommands'),
  ];
  return ok(lines.join('\n'), { buttons: stepButtons(actions) });
}

/** The welcome for a group or channel: how to subscribe it, and who may. */
export async function chatWelcome(ctx: CommandContext): Promise<Reply> {
  const topic = await exampleTopic(ctx);
  const actions: Step[] = [
    { label: t(ctx.lang, 'start.stepTopics'), command: '/topics' },
    { label: say(ctx, 'start.stepSubscribeHere'), command: `/subscribe ${topic}` },
  ];
  const lines = [
    say(ctx, 'start.groupIntro'),
    say(ctx, 'start.groupWho'),
    say(ctx, 'start.groupAnyone'),
    '',
    t(ctx.lang, 'start.nextSteps'),
    ...actions.map(stepLine),
    t(ctx.lang, 'start.allCommands'),
  ];
  return ok(lines.join('\n'), { buttons: stepButtons(actions) });
}

export const start: CommandDef = {
  name: 'start',
  spec: NO_ARGS,
  description: describe('describe.start.start'),
  // Telegram deep links add a payload ("/start ref123"): it is ignored, never an argument error.
  async run(ctx) {
    return ctx.chat.kind === 'private' ? privateWelcome(ctx) : chatWelcome(ctx);
  },
};
