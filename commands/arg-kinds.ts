// How each kind of argument reads one word (or, for a schedule, the words that make it up). A
// check says: taken (with the value), not this kind (an optional argument is then skipped), or this
// kind but wrong (the problem, said so that the person can fix it).
import { parseDuration } from '../src/core/duration.ts';
import { closestTopics } from '../src/text/closest.ts';
import { isValidTimezone, parseScheduleMode } from '../src/core/schedule-mode.ts';
import type { TopicDef } from '../src/core/types.ts';
import type { ArgDef } from './arg-spec.ts';
import { checkQuery } from './query-problem.ts';
import { type UiLang } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';
import { normaliseArgs } from '../src/i18n/input.ts';
import { guessTimezone } from '../src/i18n/timezones.ts';
import { findTopic, guessTopic } from './topic-names.ts';

/** `weak`: any word could have been meant as this (a topic name); a more specific kind's problem wins. */
export type Check = { ok: true; value: unknown } | { ok: false; bad: boolean; problem: string; weak?: boolean };

/** What checks may look up, fetched at most once per parse. */
export interface CheckEnv {
  lang: UiLang;
  topics(): Promise<TopicDef[]>;
}

/** Topic ids as the config schema defines them. */
const TOPIC_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_WINDOW_MS = 30 * 86_400_000;

const taken = (value: unknown): Check => ({ ok: true, value });
const wrong = (problem: string): Check => ({ ok: false, bad: true, problem });
const notThis = (problem: string): Check => ({ ok: false, bad: false, problem });

/** Shortens user-supplied text quoted back in an error message. */
export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

type WordCheck = (token: string, arg: ArgDef, env: CheckEnv) => Check | Promise<Check>;

const WORD_CHECKS: Record<Exclude<ArgDef['kind'], 'schedule' | 'query' | 'options'>, WordCheck> = {
  async topic(token, _arg, env) {
    const all = await env.topics();
    const found = findTopic(token, all);
    if (found) return taken(found.id);
    const known = all.map((x) => x.id).join(', ');
    // Names and aliases in both scripts first; else ids that are near or contain the word.
    const guess =
      guessTopic(token, all) ??
      closestTopics(
        token.toLowerCase(),
        all.map((x) => x.id),
      ).join(env.lang === 'ar' ? '، ' : ', ');
    const problem = guess
      ? t(env.lang, 'arg-kinds.unknownTopicGuess', { token: clip(token), guess, known })
      : t(env.lang, 'arg-kinds.unknownTopicTopics', { token: clip(token), known });
    return { ...wrong(problem), weak: true };
  },
  // A topic that may no longer exist: a name of a current one still reads as its id.
  word: async (token, _arg, env) => taken(findTopic(token, await env.topics())?.id ?? token.toLowerCase()),
  topicId(token, _arg, env) {
    const id = token.trim().toLowerCase();
    if (TOPIC_ID_RE.test(id)) return taken(id);
    return wrong(t(env.lang, 'arg-kinds.isNotA', { token: clip(token) }));
  },
  window(token, arg, env) {
    const ms = parseDuration(normaliseArgs(token));
    if (ms === undefined) return notThis(t(env.lang, 'arg-kinds.isNotA2', { token: clip(token) }));
    const max = arg.max ?? MAX_WINDOW_MS;
    if (ms > max) return wrong(t(env.lang, 'arg-kinds.isLongerThan', { token: clip(token), days: Math.floor(max / 86_400_000) }));
    return taken(ms);
  },
  duration(token, arg, env) {
    const ms = parseDuration(normaliseArgs(token).toLowerCase());
    if (ms === undefined) {
      const or = (arg.values ?? []).map((v) => `"${v}"`).join(', ');
      return wrong(t(env.lang, 'arg-kinds.isNotA3', { token: clip(token), or: or ? t(env.lang, 'arg-kinds.orWords', { words: or }) : '' }));
    }
    if (arg.max !== undefined && ms > arg.max) return wrong(t(env.lang, 'arg-kinds.atMostD', { days: arg.max / 86_400_000 }));
    return taken(ms);
  },
  timezone(token, _arg, env) {
    if (isValidTimezone(token)) return taken(canonicalZone(token));
    const guess = guessTimezone(token);
    if (guess) return wrong(t(env.lang, 'arg-kinds.notTimezoneGuess', { token: clip(token), guess }));
    return wrong(t(env.lang, 'arg-kinds.isNotA4', { token: clip(token) }));
  },
  url: (token) => taken(token),
  enum(token, arg, env) {
    const w = token.toLowerCase();
    if ((arg.values ?? []).includes(w)) return taken(w);
    const list = (arg.values ?? []).join(', ');
    return wrong(t(env.lang, 'arg-kinds.isNotOne', { token: clip(token), list }));
  },
};

/** Checks one word against an argument; literal `values` words are taken as they are. */
export async function checkWord(token: string, arg: ArgDef, env: CheckEnv): Promise<Check> {
  if (arg.kind !== 'enum' && arg.values?.includes(token.toLowerCase())) return taken(token.toLowerCase());
  if (arg.kind === 'schedule' || arg.kind === 'query' || arg.kind === 'options') throw new Error(`checkWord: ${arg.kind} is not a one-word kind`);
  return WORD_CHECKS[arg.kind](token, arg, env);
}

// A schedule starts the text it is read from; what follows is for the next argument.
const MODE_RE = /^(instant|hourly|daily(?:\s+\d{1,2}:\d{2})?|cron\s+(?:"[^"]*"|'[^']*'))(?=\s|$)/i;

/** Reads a schedule at the start of `text`: the value and how many characters it took. */
export function checkSchedule(text: string, env: CheckEnv): Check & { length?: number } {
  const m = MODE_RE.exec(text);
  if (!m) {
    if (!/^(instant|hourly|daily|cron)\b/i.test(text)) return notThis(t(env.lang, 'arg-kinds.aSchedule'));
    const r = parseScheduleMode(text);
    return wrong(r.ok ? t(env.lang, 'arg-kinds.putTheCron') : scheduleProblem(text, env));
  }
  const mode = parseScheduleMode(m[1]!);
  return mode.ok ? { ok: true, value: mode.mode, length: m[0].length } : wrong(scheduleProblem(m[1]!, env));
}

/** The schedule parser's complaint in the reader's language (core's own message is English, for the config). */
function scheduleProblem(text: string, env: CheckEnv): string {
  const daily = /^daily\s+(\S+)/i.exec(text);
  if (daily) return t(env.lang, 'arg-kinds.badDailyTime', { time: clip(daily[1]!) });
  const cron = /^cron\s+(?:"([^"]*)"|'([^']*)'|(.*))/i.exec(text);
  if (cron) return t(env.lang, 'arg-kinds.badCron', { expr: clip((cron[1] ?? cron[2] ?? cron[3] ?? '').trim()) });
  return t(env.lang, 'arg-kinds.notSchedule', { text: clip(text) });
}

export function checkRest(text: string, env: CheckEnv): Check {
  const q = checkQuery(text, env.lang);
  return q.ok ? taken(q.query) : wrong(q.error);
}

/** "Asia/baghdad" works in Intl; store the spelling Intl reports so that lists look right. */
function canonicalZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return tz;
  }
}
