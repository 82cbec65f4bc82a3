// Slack Block Kit. Feed text is escaped (& < >) and isolated; mrkdwn objects that carry it are
// `verbatim` so Slack does not auto-link bare URLs, channel names or @mentions in it. Limits:
// at most 50 blocks per message, 3000 characters per section text, and (bolt-js#2509) messages
// are kept well below the ~13,000 characters of blocks where Slack starts refusing them.
import { escapeSlackText, slackLink } from './escape.ts';
import { agoLabel, alertTimeLabel, countsLabel, firstSeenLabel, moreLabel, nothingNewLabel, openLabel, sourcesLabel, titleLabel, whyLabel } from './labels.ts';
import { FSI, PDI, runsOf, type RichText } from './rich-text.ts';
import type { ButtonRow, Sealer } from '../core/buttons.ts';
import { muteRow, storyRow } from './story-buttons.ts';
import type { Digest, DigestStory } from './types.ts';

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_SECTION_MAX = 3000;
export const SLACK_HEADER_MAX = 150;
/** Characters of block text per message we stay under. */
export const SLACK_MESSAGE_BUDGET = 11_000;

export interface SlackMessage {
  /** Fallback for notifications and clients without blocks (mrkdwn, escaped). */
  text: string;
  blocks: unknown[];
}

/**
 * Rich text as mrkdwn: escaped, highlights in *bold*, isolated. Slack only opens bold at a word
 * start, so an isolate that would sit right before an opening `*` goes inside it instead (the
 * markup is not text: the isolate still wraps the whole piece).
 */
export function slackRich(r: RichText): string {
  const runs = runsOf(r);
  let out = '';
  runs.forEach((run, i) => {
    const text = escapeSlackText(run.text);
    const open = i === 0 ? FSI : '';
    const close = i === runs.length - 1 ? PDI : '';
    out += run.mark ? `*${open}${text}${close}*` : `${open}${text}${close}`;
  });
  return out || `${FSI}${PDI}`;
}

function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  // Never leave half an entity (&amp;) or half a surrogate pair at the cut.
  let cut = max - 1;
  const amp = s.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 5 && s.indexOf(';', amp) >= cut) cut = amp;
  if (/[\ud800-\udbff]/.test(s[cut - 1] ?? '')) cut--;
  return `${s.slice(0, cut)}…`;
}

function storyBlocks(d: Digest, s: DigestStory): unknown[] {
  // Slack cannot format inside a link label reliably: the headline is a bold link, plain words.
  const headline = `${FSI}${escapeSlackText(s.headline.text)}${PDI}`;
  let text = `*${s.rank}. ${slackLink(s.url, headline, { labelMrkdwn: true })}*`;
  if (s.summary.text && s.summary.text !== s.headline.text) text += `\n${slackRich(s.summary)}`;
  const meta = [`${FSI}${escapeSlackText(s.source)}${PDI}`, escapeSlackText(agoLabel(d.lang, s.latestMs, d.untilMs))];
  const first = firstSeenLabel(d, s.firstSeenMs);
  if (first) meta.push(escapeSlackText(first));
  const more = sourcesLabel(d.lang, s.sourceCount, s.languages);
  if (more) {
    const listed = s.sources.map((src) => slackLink(src.url, `${FSI}${escapeSlackText(src.name)}${PDI}`, { labelMrkdwn: true })).join(', ');
    meta.push(listed ? `${escapeSlackText(more)}: ${listed}` : escapeSlackText(more));
  }
  return [
    { type: 'section', text: mrkdwn(clip(text, SLACK_SECTION_MAX)) },
    { type: 'context', elements: [mrkdwn(clip(meta.join(' · '), SLACK_SECTION_MAX))] },
  ];
}

/** One alert: the headline (a bold link) and summary; source, time and link; why it matched. */
function alertBlocks(d: Digest, s: DigestStory): unknown[] {
  let text = `*${slackLink(s.url, `${FSI}${escapeSlackText(s.headline.text)}${PDI}`, { labelMrkdwn: true })}*`;
  if (s.summary.text && s.summary.text !== s.headline.text) text += `\n${slackRich(s.summary)}`;
  const meta = [`${FSI}${escapeSlackText(s.source)}${PDI}`, escapeSlackText(alertTimeLabel(d, s.latestMs))];
  const more = sourcesLabel(d.lang, s.sourceCount, s.languages);
  if (more) meta.push(escapeSlackText(more));
  if (s.url) meta.push(slackLink(s.url, openLabel(d)));
  const blocks: unknown[] = [
    { type: 'section', text: mrkdwn(clip(text, SLACK_SECTION_MAX)) },
    { type: 'context', elements: [mrkdwn(clip(meta.join(' · '), SLACK_SECTION_MAX))] },
  ];
  if (s.why && s.why.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(clip(escapeSlackText(whyLabel(d, s.why)), SLACK_SECTION_MAX))] });
  return blocks;
}

function headerBlocks(d: Digest): unknown[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: clip(titleLabel(d), SLACK_HEADER_MAX), emoji: false } },
    { type: 'context', elements: [mrkdwn(escapeSlackText(countsLabel(d)))] },
  ];
}

function fallbackText(d: Digest, first: boolean): string {
  // An alert's notification is its headline.
  if (d.kind === 'alert' && d.stories[0]) return clip(`${FSI}${escapeSlackText(d.stories[0].headline.text)}${PDI}`, SLACK_SECTION_MAX);
  const head = `${escapeSlackText(titleLabel(d))} — ${escapeSlackText(countsLabel(d))}`;
  if (!first) return head;
  const lead = d.stories[0];
  return lead ? clip(`${head}\n${d.stories[0]!.rank}. ${FSI}${escapeSlackText(lead.headline.text)}${PDI}`, SLACK_SECTION_MAX) : head;
}

const blockChars = (b: unknown) => JSON.stringify(b).length;

/**
 * The digest as Slack messages (usually one). An empty digest gives the "nothing new" message
 * (scheduled callers check `digest.empty` and post nothing).
 */
/** A row of sealed buttons as an actions block; action_ids are unique in the block, Bolt routes on "raqib:". */
export function slackActions(row: ButtonRow, seal: Sealer): unknown {
  return {
    type: 'actions',
    elements: row.map((b, i) => ({
      type: 'button',
      text: { type: 'plain_text', text: b.label.slice(0, 75), emoji: true },
      action_id: `raqib:${b.action.kind}:${i}`,
      value: seal(b.action),
    })),
  };
}

export function renderSlack(d: Digest, seal?: Sealer): SlackMessage[] {
  if (d.empty) {
    const text = escapeSlackText(nothingNewLabel(d));
    return [{ text, blocks: [{ type: 'section', text: mrkdwn(text) }] }];
  }
  const alert = d.kind === 'alert';
  const groups = d.stories.map((s) => {
    const story = alert ? alertBlocks(d, s) : storyBlocks(d, s);
    return seal ? [...story, slackActions(storyRow(d, s), seal)] : story;
  });
  const more = moreLabel(d);
  if (more) groups.push([{ type: 'context', elements: [mrkdwn(escapeSlackText(more))] }]);
  const mute = seal ? muteRow(d) : [];
  if (seal && mute.length > 0) groups.push([slackActions(mute, seal)]);
  const messages: SlackMessage[] = [];
  let blocks: unknown[] = alert ? [] : headerBlocks(d);
  let chars = blocks.reduce<number>((n, b) => n + blockChars(b), 0);
  for (const [i, group] of groups.entries()) {
    // Alerts: a divider between stories of one message (not before the Mute row).
    let g = alert && blocks.length > 0 && i < d.stories.length ? [{ type: 'divider' }, ...group] : group;
    let size = g.reduce<number>((n, b) => n + blockChars(b), 0);
    if (blocks.length > 0 && (blocks.length + g.length > SLACK_MAX_BLOCKS || chars + size > SLACK_MESSAGE_BUDGET)) {
      messages.push({ text: fallbackText(d, messages.length === 0), blocks });
      blocks = [];
      chars = 0;
      g = group;
      size = g.reduce<number>((n, b) => n + blockChars(b), 0);
    }
    blocks.push(...g);
    chars += size;
  }
  messages.push({ text: fallbackText(d, messages.length === 0), blocks });
  return messages;
}
