// The buttons under a digest's or an alert's stories (src/core/buttons.ts): 👍, 👎 and "Why?" per
// story, for the story's first topic, and one "Mute 6h" per topic of the message. Renderers draw
// them when they are given a Sealer (the actions sealed beforehand, button-codec.ts sealAll).
import type { ButtonAction, ButtonRow } from '../core/buttons.ts';
import { formatNumber, t } from '../i18n/catalogue.ts';
import type { Digest, DigestStory } from './types.ts';

export const MUTE_HOURS = 6;

/** 👍 / 👎 / Why? for one story; with `numbered`, each label starts with the story's rank. */
export function storyRow(d: Digest, s: DigestStory, numbered = false): ButtonRow {
  const topic = s.topics[0] ?? d.topics[0]?.id;
  if (!topic) return [];
  const n = numbered ? `${formatNumber(d.lang, s.rank)} ` : '';
  return [
    { label: `${n}👍`, action: { kind: 'feedback', topic, story: s.storyId, verdict: 'relevant' } },
    { label: `${n}👎`, action: { kind: 'feedback', topic, story: s.storyId, verdict: 'not-relevant' } },
    { label: `${n}${t(d.lang, 'buttons.why')}`, action: { kind: 'why', topic, story: s.storyId } },
  ];
}

/** "Mute 6h" for each topic the stories matched (the digest's own topics). */
export function muteRow(d: Digest, stories: readonly DigestStory[] = d.stories): ButtonRow {
  const topics = [...new Set(stories.map((s) => s.topics[0] ?? d.topics[0]?.id).filter((x): x is string => !!x))];
  const names = new Map(d.topics.map((x) => [x.id, x.name]));
  const label = t(d.lang, 'buttons.mute6h');
  return topics.map((topic) => ({
    label: topics.length > 1 ? `${label} · ${names.get(topic) ?? topic}` : label,
    action: { kind: 'mute', topic, hours: MUTE_HOURS },
  }));
}

/** Every action a digest's buttons carry, to seal them before rendering. */
export function digestActions(d: Digest): ButtonAction[] {
  if (d.empty) return [];
  return [...d.stories.flatMap((s) => storyRow(d, s).map((b) => b.action)), ...muteRow(d).map((b) => b.action)];
}
