// Shared by the button tests: an instant alert composed the way delivery composes it (with the
// world's button codec), and a press on each platform (a callback_query update on Telegram, a
// signed block_actions request on Slack).
import type { ChatRef, MessageBody } from '../../src/core/outbound.ts';
import { createMessageComposer } from '../../src/delivery/compose-messages.ts';
import type { FakeTelegram } from '../fakes/telegram-bot-api.ts';
import { sendBlockActions, type FakeSlack } from '../fakes/slack-web-api.ts';
import { NOW, type World } from '../commands/command-world.ts';
import { waitFor } from './platform-helpers.ts';

/** The alert message bodies for stored article `articleId` (story s-<id>) to one chat. */
export async function composeAlert(w: World, to: ChatRef, articleId = 'a1'): Promise<MessageBody[]> {
  const composer = createMessageComposer({
    topics: () => w.catalog.list(),
    articles: w.articles,
    subscriptions: w.subscriptions,
    buttons: w.buttons,
    alertCounts: w.feedback,
    now: () => NOW,
  });
  const stored = (await w.articles.get(articleId))!;
  return composer.makeAlertMessages(to, [{ ...stored, storyId: `s-${articleId}` }]);
}

export type TgKey = { text: string; callback_data: string };

export const tgKey = (keys: TgKey[][], text: string): TgKey => keys.flat().find((k) => k.text.startsWith(text))!;

/** Pushes a callback_query for a button and waits for the bot's answerCallbackQuery. */
export async function tgPress(
  fake: FakeTelegram,
  chatId: number,
  messageId: number,
  data: string,
  from: number,
): Promise<{ text?: string; show_alert?: boolean }> {
  const update = await fake.pushCallbackQuery({ chatId, messageId, data, from });
  const id = update.callback_query!.id;
  const call = await waitFor(() => fake.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id), 'the callback answer');
  return call.params as { text?: string; show_alert?: boolean };
}

export interface SlackBtn {
  type: string;
  action_id: string;
  value: string;
  text: { type: 'plain_text'; text: string; emoji?: boolean };
}
export interface SlackBlock {
  type: string;
  block_id: string;
  elements?: SlackBtn[];
}
export interface PostedAlert {
  ts: string;
  text: string;
  blocks: SlackBlock[];
}

export function slackButton(blocks: SlackBlock[], label: string): { block: SlackBlock; btn: SlackBtn } {
  for (const block of blocks) for (const btn of block.elements ?? []) if (btn.text?.text === label) return { block, btn };
  throw new Error(`no button ${label}`);
}

let nextResponse = 1;

/** A signed block_actions request for the button labelled `label` on a posted message. */
export async function slackPress(
  s: { fake: FakeSlack; eventsUrl: string; secret: string; channel: string; user: string },
  alert: PostedAlert,
  label: string,
  opts: { value?: string; signature?: string; timestamp?: number; ephemeral?: boolean } = {},
) {
  const { block, btn } = slackButton(alert.blocks, label);
  const id = `press${nextResponse++}`;
  const res = await sendBlockActions(
    s.eventsUrl,
    {
      user: s.user,
      channel: s.channel,
      action: { action_id: btn.action_id, block_id: block.block_id, value: opts.value ?? btn.value, text: btn.text },
      message: { ts: alert.ts, text: alert.text, blocks: alert.blocks },
      ...(opts.ephemeral ? { ephemeral: true } : {}),
      response_url: s.fake.responseUrl(id),
    },
    { signingSecret: s.secret, ...(opts.signature ? { signature: opts.signature } : {}), ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) },
  );
  return { status: res.status, answers: () => s.fake.responses(id) };
}

const PLACES =
  'Karkh Rusafa Adhamiya Kadhimiya Mansour Dora Zayouna Karrada Sadr Jadriya Bayaa Amil Hurriya Shula Ghazaliya Yarmouk Saydiya Baladiyat Shaab Waziriya Bab Jamila Husseiniya Rashidiya Taji'.split(
    ' ',
  );
const EVENTS =
  'bridge market school clinic stadium library bakery hospital museum garden station garage factory harbor theatre mosque bank tower cinema hotel zoo farm port dam mill'.split(
    ' ',
  );
const ACTS =
  'reopens floods burns closes expands collapses shuts thrives sinks grows stalls wins loses moves opens votes strikes rises falls waits ends starts halts returns fades'.split(
    ' ',
  );

/** `n` stored articles matching "iraq", each its own story (no shared words but Baghdad), newest first: `p<i>`. */
export async function seedStories(w: World, n: number): Promise<string[]> {
  const titles: string[] = [];
  for (let i = 0; i < n; i++) {
    const title = `Baghdad ${PLACES[i]} ${EVENTS[i]} ${ACTS[i]} ${i + 1}`;
    await w.seed({ id: `p${i + 1}`, title, hoursAgo: 0.5 + i * 0.25, feedId: `feed-${i % 3}` });
    titles.push(title);
  }
  return titles;
}

/** The alert tests' own story, seeded before each test. */
export const ALERT_TITLE = 'Rockets hit Baghdad airport';

/** The seeded titles (seedStories, and ALERT_TITLE) a rendered page shows, in order. */
export const titlesIn = (rendered: string): string[] => [...rendered.matchAll(/Baghdad \w+ \w+ \w+ \d+|Rockets hit Baghdad airport/g)].map((m) => m[0]);

/** Two football stories about Iraq, stored and marked 👎 for the iraq topic: "football" is the suggestion. */
export async function seedFootballVerdicts(w: World, platform: 'telegram' | 'slack', chat: string): Promise<{ title: string; text: string }[]> {
  const docs = [
    { id: 'f1', title: 'Iraq football team beats Jordan', text: 'The Iraq football team won in Baghdad.' },
    { id: 'f2', title: 'Baghdad hosts the football final', text: 'Fans in Baghdad watched the football final.' },
  ];
  for (const [i, a] of docs.entries()) {
    await w.seed({ ...a, hoursAgo: 5 + i });
    const base = { topic: 'iraq', story: `s-${a.id}`, url: `https://news.example.com/${a.id}`, title: a.title, lang: 'en' };
    await w.feedback.record({ ...base, verdict: 'not-relevant', platform, chat, user: 'someone', at: new Date(NOW - 3_600_000).toISOString() });
  }
  return docs;
}
