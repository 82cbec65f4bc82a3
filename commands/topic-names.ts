// Topics named the way people name them: by id, by their English or Arabic name, or by an alias
// ("/digest العراق", "/subscribe الانسحاب"). Names and aliases are optional on a topic.
import type { TopicDef } from '../src/core/types.ts';
import { closest, foldForMatch, type Candidate } from '../src/i18n/suggest.ts';

/** Every spelling of a topic: id, name, names in both languages, aliases. */
export function topicSpellings(topic: TopicDef): string[] {
  const t = topic;
  return [t.id, t.name, t.names?.en, t.names?.ar, ...(t.aliases ?? [])].filter((s): s is string => typeof s === 'string' && s !== '');
}

/** The topic the word names exactly (letter variants and case folded), if any. */
export function findTopic(word: string, topics: readonly TopicDef[]): TopicDef | undefined {
  const w = foldForMatch(word);
  return topics.find((t) => t.id === word.toLowerCase()) ?? topics.find((t) => topicSpellings(t).some((s) => foldForMatch(s) === w));
}

/** The id of the topic the word was probably meant to name ("irak" → iraq, "عراق" → iraq). */
export function guessTopic(word: string, topics: readonly TopicDef[]): string | undefined {
  const candidates: Candidate[] = topics.map((t) => ({ value: t.id, names: topicSpellings(t) }));
  return closest(word, candidates);
}

/** The topic's name in the reader's language, else its name, else its id. */
export function topicName(topic: TopicDef, lang: 'ar' | 'en'): string {
  const t = topic;
  return t.names?.[lang] ?? t.name ?? t.id;
}
