// The event signature of an article: where (gazetteer places), who (actors), what kind (the
// topics it matched plus event types from its wording), how many of what (killed, wounded,
// drones, rockets, targets, troops) and which day. Extracted once at ingest from the title and
// the text, in either language, and stored with the article's sketch so that the same-story
// decision (decide.ts) can compare reports that share no words.
import { foldedNumberValue, foldedScale, isTens } from '../text/numbers.ts';
import { dayOf, nearestDay } from '../text/dates.ts';
import { tokenise, type Token } from '../text/tokenise.ts';
import { gazetteer, isSpecificPlace, placeAncestors, tokenKeys, type Gazetteer, type PhraseHit } from './gazetteer.ts';

export interface EventSignature {
  /** Places named anywhere (gazetteer ids, first mention first). */
  places: string[];
  /** The most specific places named in the headline and lead (none is inside another). */
  lead: string[];
  /** The most specific places named in the headline alone (absent on entries stored before it). */
  head?: string[];
  /** Provinces named in the headline and lead (absent when none, and on entries stored before it). */
  leadAreas?: string[];
  /** Actors named anywhere. */
  actors: string[];
  /** Actors named in the headline and lead: who the news is about, not who is recalled (absent on entries stored before it). */
  leadActors?: string[];
  /** Topics matched (`t:<id>`) and event types from the headline and lead. */
  kinds: string[];
  /**
   * The event types the headline and lead report: those named outside a cause clause ("… in
   * retaliation for the attack on the base", «ردا على الهجوم») (absent on entries stored before it).
   */
  reported?: string[];
  /** Event types named only in a cause clause: the happening this one answers, recalled (absent when none). */
  recalled?: string[];
  /** The clause says outright that this answers it ("in retaliation for"), not merely that it came "after". */
  answers?: boolean;
  /** Counts stated in the headline and lead: what → the numbers given for it. */
  counts: Record<string, number[]>;
  /** The counts told only in a cause clause: the toll of the happening this one answers (absent when none). */
  recalledCounts?: Record<string, number[]>;
  /** The event's day (UTC days since the epoch). */
  day: number;
  /** True when the day came from the text ("yesterday", "on Monday", "25 December"), not the publication time. */
  dayExplicit: boolean;
  /** False when neither the text nor a real publication time gave the day (it is then "now"). */
  dayKnown?: boolean;
  lang: string;
}

export interface SignatureInput {
  title: string;
  text: string;
  /** Publication time, ms. */
  publishedMs: number;
  /** Topic ids the article matched. */
  topics?: readonly string[];
  lang?: string;
  /** False when publishedMs is only the time of reading (no publication time was given). */
  publishedKnown?: boolean;
}

/**
 * The lead is the headline plus the opening sentence of the text (at least LEAD_MIN characters,
 * at most LEAD_CHARS): where a report says what happened. Later sentences recall other events.
 */
const LEAD_CHARS = 450;
const LEAD_MIN = 200;

/** Where the lead of a text ends: the first sentence end after LEAD_MIN, else LEAD_CHARS. */
export function leadLength(text: string): number {
  const re = /[.!?؟۔](?=\s|$)|\n\s*\n/g;
  re.lastIndex = LEAD_MIN;
  const m = re.exec(text);
  return m && m.index < LEAD_CHARS ? m.index + 1 : LEAD_CHARS;
}
/** Only this much of the text is read for places and actors (long articles drift into background). */
const BODY_CHARS = 6000;
/** A day expression is looked for in the headline and this much of the text. */
const DAY_CHARS = 300;

const uniq = (xs: readonly string[]) => [...new Set(xs)];

export function extractSignature(input: SignatureInput): EventSignature {
  const g = gazetteer();
  const title = tokenise(input.title);
  const body = tokenise(input.text.slice(0, BODY_CHARS));
  const all = title.concat(body);
  const keys = all.map(tokenKeys);
  const leadChars = leadLength(input.text);
  const leadEnd = title.length + body.filter((t) => t.start < leadChars).length;
  const inLead = (h: PhraseHit) => h.at < leadEnd;
  // A dateline ("BAGHDAD (AP) —", «أربيل - ») says where the report was filed, not where it happened.
  const filedFrom = (h: PhraseHit) => h.at >= title.length && isDateline(input.text, all[h.at]!.start, all[h.at + h.len - 1]!.end);

  const placeHits = g.places.find(all, keys);
  const actorHits = g.actors.find(all, keys);
  const leadHits = uniq(placeHits.filter((h) => inLead(h) && !filedFrom(h)).map((h) => h.id));
  const leadPlaces = leadHits.filter((id) => isSpecificPlace(g, id));
  const leadAreas = leadHits.filter((id) => g.placeById.get(id)?.type === 'province');
  const kindHits = g.kinds.find(all.slice(0, leadEnd), keys.slice(0, leadEnd));
  const kinds = uniq(kindHits.map((h) => h.id));
  // Cause clauses are read once, over the lead and the stretch a day is looked for in.
  const dayEnd = title.length + body.filter((t) => t.start < DAY_CHARS).length;
  const readEnd = Math.max(leadEnd, dayEnd);
  const causes = causeClauses(g, input, title.length, all.slice(0, readEnd), keys.slice(0, readEnd));
  const { inCause } = causes;
  const answers = causes.answersBefore(leadEnd);
  const reported = uniq(kindHits.filter((h) => !inCause(h.at)).map((h) => h.id));
  const recalled = uniq(kindHits.filter((h) => inCause(h.at)).map((h) => h.id)).filter((k) => !reported.includes(k));
  const { counts, recalledCounts } = countsIn(g, all.slice(0, leadEnd), keys.slice(0, leadEnd), (at) => isNumeral(input, all, title.length, at), inCause);
  const found = reportDay(input, all.slice(0, dayEnd), inCause);

  return {
    places: uniq(placeHits.map((h) => h.id)),
    lead: mostSpecific(g, leadPlaces),
    head: mostSpecific(
      g,
      uniq(placeHits.filter((h) => h.at < title.length).map((h) => h.id)).filter((id) => isSpecificPlace(g, id)),
    ),
    ...(leadAreas.length > 0 ? { leadAreas } : {}),
    actors: uniq(actorHits.map((h) => h.id)),
    leadActors: uniq(actorHits.filter(inLead).map((h) => h.id)),
    kinds: [...(input.topics ?? []).map((t) => `t:${t}`), ...kinds],
    reported,
    ...(recalled.length > 0 ? { recalled, ...(answers ? { answers } : {}) } : {}),
    counts,
    ...(Object.keys(recalledCounts).length > 0 ? { recalledCounts } : {}),
    day: found ?? dayOf(input.publishedMs),
    dayExplicit: found !== undefined,
    ...(found === undefined && input.publishedKnown === false ? { dayKnown: false } : {}),
    lang: input.lang ?? '',
  };
}

// Digits joined to digits by a dash, dot, slash or colon are a date, a time or a code
// ("2017-07-11", "20.12.2020", "10:30"), never a count of rockets.
function isNumeral(input: SignatureInput, all: readonly Token[], titleLen: number, at: number): boolean {
  const t = all[at]!;
  const src = at < titleLen ? input.title : input.text;
  return /\p{Nd}[-./:]$/u.test(src.slice(Math.max(0, t.start - 2), t.start)) || /^[-./:]\p{Nd}/u.test(src.slice(t.end, t.end + 2));
}

/** The day the headline or the text's start (`read`) names for the report's own happening, if any. */
function reportDay(input: SignatureInput, read: readonly Token[], inCause: (at: number) => boolean) {
  // Weekdays and "yesterday" mean nothing against the time of reading: without a publication time the day is unknown.
  if (input.publishedKnown === false) return undefined;
  // A day named in a cause or sequel clause ("following Friday's killing") is the answered happening's.
  const words = read.filter((_, at) => !inCause(at)).map((t) => ({ norm: t.norm, forms: t.forms }));
  return nearestDay(words, input.publishedMs, 3);
}

// What may stand between a dateline's place and its dash or colon: a date ("Jan 8", "Feb. 16,
// 2021"), a news agency in brackets ("(AP)", «(رويترز)»).
const DATELINE_TAIL = /^\s*(?:[,،]\s*\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*)?(?:\([^()\n]{1,24}\)\s*)?[—–:-]/u;
// Before the place: the start of the text or of a line.
const DATELINE_HEAD = /(?:^|\n)[ \t]*$/;

/** A place at the start of a line of the text followed by a dash or colon (after a date or agency at most). */
export function isDateline(text: string, start: number, end: number): boolean {
  return DATELINE_HEAD.test(text.slice(Math.max(0, start - 40), start)) && DATELINE_TAIL.test(text.slice(end, end + 40));
}

/**
 * Which of the tokens read lie in a cause clause: from a cause phrase ("in retaliation for", «ردا على»;
 * or a sequel phrase, "after") to the end of the headline, or of the sentence of the text it is
 * in (to the comma when it opens the sentence). What follows such a phrase is the happening the report answers, recounted, not the one it
 * reports. `answersBefore(end)`: a cause phrase, not only a sequel phrase, lies before token `end` (the lead's).
 */
function causeClauses(g: Gazetteer, input: SignatureInput, titleLen: number, lead: readonly Token[], keys: readonly (readonly string[])[]) {
  const spans: [number, number][] = [];
  const durations = g.durations.find(lead, keys);
  const hits = g.causes.find(lead, keys).filter((h) => h.id !== 'sequel' || !durationAt(durations, lead, h.at + h.len));
  for (const h of hits) {
    const inTitle = h.at < titleLen;
    const seg = inTitle ? input.title : input.text;
    const segEnd = inTitle ? titleLen : lead.length;
    const from = lead[h.at]!.start;
    // "In retaliation for the attack, US jets struck …": a clause that opens its sentence ends at
    // the comma; otherwise it runs to the end of the sentence (or of the headline).
    const opens = /(^|[.!?؟۔\n])\s*$/.test(seg.slice(0, from));
    const re = opens ? /[,،]/g : /[.!?؟۔](?=\s|$)|\n/g;
    re.lastIndex = from;
    const stop = re.exec(seg)?.index ?? seg.length;
    let end = h.at;
    while (end < segEnd && lead[end]!.start < stop) end++;
    spans.push([h.at + h.len, end]);
  }
  return {
    inCause: (at: number) => spans.some(([from, to]) => at >= from && at < to),
    /** A cause phrase (not only a sequel phrase) lies wholly before token `end`. */
    answersBefore: (end: number) => hits.some((h) => h.id === 'cause' && h.at + h.len <= end),
  };
}

/** A length of time starts at token `at` ("20 years", «نحو تسع سنوات», "months"): hedges and numbers, then a unit. */
function durationAt(hits: readonly PhraseHit[], tokens: readonly Token[], at: number): boolean {
  for (let i = at; i < at + 5 && i < tokens.length;) {
    const h = hits.find((x) => x.at === i);
    if (h?.id === 'unit') return true;
    if (h?.id === 'about') i += h.len;
    else if (foldedNumberValue(tokens[i]!.norm) !== undefined) i++;
    else return false;
  }
  return false;
}

/** Drops places that contain another place of the list (Erbil when Erbil air base is named). */
function mostSpecific(g: Gazetteer, ids: readonly string[]): string[] {
  return ids.filter((id) => !ids.some((other) => other !== id && placeAncestors(g, other).includes(id)));
}

/** The number a token starts (with "twenty five", "1,200", "three thousand" folded in), and how many tokens it spans. */
function numberAt(tokens: readonly Token[], i: number): { value: number; len: number } | undefined {
  let v = foldedNumberValue(tokens[i]!.norm);
  if (v === undefined) return undefined;
  // One space or hyphen between the words of one number; "40. Three" is two numbers.
  const joined = (at: number) => tokens[at] !== undefined && tokens[at].start - tokens[at - 1]!.end <= 1;
  // "3,000", "5,200": the tokeniser splits digit groups at the separator; three digits right after
  // one character are the next group (a date or a time, "20.12", "10:30", is not a count: isNumeral).
  let len = 1;
  while (/^\d{1,3}$/.test(tokens[i + len - 1]!.norm) && joined(i + len) && /^\d{3}$/.test(tokens[i + len]!.norm))
    v = v * 1000 + Number(tokens[i + len++]!.norm);
  const nv = joined(i + len) ? foldedNumberValue(tokens[i + len]!.norm) : undefined;
  // "twenty five", "twenty-five".
  const n = len === 1 && nv !== undefined && isTens(v) && nv < 10 ? { value: v + nv, len: 2 } : { value: v, len };
  // "three thousand", «ثلاثة آلاف», "3 thousand": the count is 3,000 wherever the other report writes digits.
  const scale = joined(i + n.len) ? foldedScale(tokens[i + n.len]!.norm) : undefined;
  return scale !== undefined && n.value < scale ? { value: n.value * scale, len: n.len + 1 } : n;
}

const CASUALTY = new Set(['killed', 'wounded']);

/**
 * Numbers next to the words that say what they count: a casualty word just after the number
 * ("three soldiers were killed", "٣ قتلى") wins, then a casualty verb just before it ("killing
 * three", "مقتل ثلاثة"), then a counted noun just after ("85 targets", "خمس مسيرات").
 */
function countsIn(
  g: Gazetteer,
  tokens: readonly Token[],
  keys: readonly (readonly string[])[],
  numeral: (at: number) => boolean,
  inCause: (at: number) => boolean,
): { counts: Record<string, number[]>; recalledCounts: Record<string, number[]> } {
  const nouns = g.countNouns.find(tokens, keys);
  const verbs = g.countVerbs.find(tokens, keys);
  const counts: Record<string, number[]> = {};
  const recalledCounts: Record<string, number[]> = {};
  for (let i = 0; i < tokens.length; i++) {
    const n = numberAt(tokens, i);
    // Years and tower numbers are not counts.
    if (!n || (n.value >= 1900 && n.value <= 2100) || n.value === 0) continue;
    const end = i + n.len;
    // "killed one contractor and wounded four": a verb right before the number says what it counts.
    const verbNext = verbs.find((h) => h.at + h.len >= i - 1 && h.at + h.len <= i);
    const casualtyAfter = nouns.find((h) => CASUALTY.has(h.id) && h.at >= end && h.at <= end + 4);
    const verbBefore = verbs.find((h) => h.at + h.len <= i && h.at + h.len >= i - 2);
    const nounAfter = nouns.find((h) => !CASUALTY.has(h.id) && h.at >= end && h.at <= end + 3);
    const what = verbNext?.id ?? casualtyAfter?.id ?? verbBefore?.id ?? nounAfter?.id;
    if (!what || numeral(i)) continue;
    for (const out of inCause(i) ? [counts, recalledCounts] : [counts]) {
      const list = (out[what] ??= []);
      if (!list.includes(n.value)) list.push(n.value);
    }
    i = end - 1;
  }
  return { counts, recalledCounts };
}
