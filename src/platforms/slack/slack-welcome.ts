// Slack's own ways in: the App Home tab (app_home_opened → views.publish) and a one-time hello in
// a channel the app is added to (member_joined_channel for the bot user, recorded per channel so
// it is said once). Both show what /start shows (commands/start.ts), in the reader's language.
import type { App } from '@slack/bolt';
import { dispatch } from '../../../commands/registry.ts';
import type { ChatInfo, Reply } from '../../../commands/types.ts';
import { escapeSlackText } from '../../digest/escape.ts';
import type { InFlight } from '../in-flight.ts';
import { contextFor, type SlackChatDeps } from './slack-chat.ts';
import { slackifyCommandNames } from './slack-names.ts';
import { slackError } from './slack-sender.ts';

/** Slack's limits: 100 blocks in a view, 3,000 characters in a section's text. */
const MAX_BLOCKS = 100;
const SECTION_MAX = 3_000;

/** The Home tab: one plain-text section per paragraph of the reply (plain text: nothing in it is markup). */
export function homeView(reply: Reply): { type: 'home'; blocks: unknown[] } {
  const paragraphs = slackifyCommandNames(reply.text)
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '');
  return {
    type: 'home',
    blocks: paragraphs.slice(0, MAX_BLOCKS).map((p) => ({ type: 'section', text: { type: 'plain_text', text: p.slice(0, SECTION_MAX), emoji: false } })),
  };
}

/** What /start answers this person (Home) or this channel (welcome). */
async function startReply(deps: SlackChatDeps, user: { id: string }, chat: ChatInfo): Promise<Reply> {
  const ctx = await contextFor(deps, user, chat, '');
  return dispatch(ctx, 'start', '', (err) => deps.log.error({ err }, 'slack: welcome failed'));
}

async function publishHome(deps: SlackChatDeps, user: string): Promise<void> {
  // A DM with the app is stored under the person's id (slack-chat.ts), so a /lang chosen there applies.
  const reply = await startReply(deps, { id: user }, { id: user, kind: 'private' });
  try {
    await deps.web.views.publish({ user_id: user, view: homeView(reply) } as never);
  } catch (err) {
    deps.log.warn({ err: slackError(err, 'views.publish') }, 'slack: App Home not published');
  }
}

interface Joined {
  user: string;
  channel: string;
  inviter?: string;
}

async function welcomeChannel(deps: SlackChatDeps, e: Joined, botUserId: () => Promise<string | undefined>): Promise<void> {
  if (e.user !== (await botUserId())) return;
  try {
    if (!(await deps.services.chats.firstWelcome({ platform: 'slack', chat: e.channel }))) return;
  } catch (err) {
    deps.log.warn({ err, channel: e.channel }, 'slack: welcome not recorded; not sent');
    return;
  }
  // Said in the language of whoever added the app (their Slack locale), unless the channel chose one.
  const reader = e.inviter ? { ...deps } : { ...deps, lookupUsers: false };
  const reply = await startReply(reader, { id: e.inviter ?? e.user }, { id: e.channel, kind: 'group' });
  try {
    await deps.web.chat.postMessage({
      channel: e.channel,
      text: escapeSlackText(slackifyCommandNames(reply.text)),
      mrkdwn: false,
      unfurl_links: false,
    } as never);
  } catch (err) {
    // Marked before posting so that two deliveries of one event say hello once; a hello that failed
    // (after the client's own retries) gives the mark back, so the app's next join says it. The mark
    // goes back before the warning: once the warning is out, the next join finds it gone.
    await deps.services.chats.unwelcome({ platform: 'slack', chat: e.channel }).catch((err2: unknown) => {
      deps.log.warn({ err: err2, channel: e.channel }, 'slack: welcome mark not given back');
    });
    deps.log.warn({ err: slackError(err, 'chat.postMessage'), channel: e.channel }, 'slack: channel welcome not sent');
  }
}

/** Listens for the Home tab and the app joining channels; the work is tracked so stop() lets it finish. */
export function registerWelcomes(app: App, deps: SlackChatDeps, inFlight: InFlight, botUserId: () => Promise<string | undefined>): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await inFlight.track(publishHome(deps, event.user));
  });
  app.event('member_joined_channel', async ({ event }) => {
    const e = event as unknown as Joined;
    await inFlight.track(welcomeChannel(deps, e, botUserId));
  });
}
