// The bilingual gazetteer (places, actors) and event vocabulary (kinds, counted things), loaded
// from the YAML data in ./gazetteer/ and compiled into a phrase finder over tokenised text.
// Aliases are analysed by the same tokeniser as articles, so folding rules are shared: Latin words
// meet through the light stemmer (forces/force), Arabic words through their prefix readings
// (بعين → عين, والأسد → الأسد → أسد).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { hasArabic } from '../text/arabic.ts';
import { tokenise, type Token } from '../text/tokenise.ts';

export type PlaceType = 'base' | 'airport' | 'crossing' | 'field' | 'site' | 'city' | 'province' | 'region' | 'country';
export type ActorType = 'faction' | 'force' | 'institution' | 'person';

export interface GazetteerEntry {
  id: string;
  type?: string;
  /** Places: the place this one lies in. */
  in?: string;
  /** Actors: whom the actor speaks for ("us": the US government and its officials). */
  side?: string;
  en: string[];
  ar: string[];
  /** Places whose name is also an ordinary word: not the place when the next word is one of these («القائم بالأعمال»). */
  not_before?: string[];
  /** … or when the word before is one of these (the noun it qualifies: «الوضع القائم», «اللون الرمادي»). */
  not_after?: string[];
  /** … unless the word before is one of these place cues («في القائم على الحدود»). */
  cues?: string[];
}

export interface KindEntry extends GazetteerEntry {
  excludes?: string[];
  /** A detail of a happening (the weapon, the toll), not what happened. */
  detail?: boolean;
  /** An armed happening (a strike, an attack): a busy day has many, so two reports agree on it only by the strict share (decide.ts). */
  armed?: boolean;
  /** The kind this one is another side of, for telling whether two reports agree (a base handed over is the withdrawal from it). */
  sameAs?: string;
}

export interface CountEntry {
  id: string;
  verb?: { en: string[]; ar: string[] };
  after?: { en: string[]; ar: string[] };
}

export interface GazetteerData {
  places: GazetteerEntry[];
  actors: GazetteerEntry[];
  kinds: KindEntry[];
  counts: CountEntry[];
  /** Words after which a sentence names the happening it answers ("in retaliation for"). */
  causes: { en: string[]; ar: string[] };
  /** Words after which a sentence names an earlier happening ("after"): a cause only across days. */
  sequels: { en: string[]; ar: string[] };
  /** A length of time ("years", «عاما») and the words that hedge its number ("nearly", «نحو»): "after 20 years" names no happening. */
  durations: { units: { en: string[]; ar: string[] }; about: { en: string[]; ar: string[] } };
}

const dataFile = (name: string) => new URL(`./gazetteer/${name}`, import.meta.url);

/** Reads the YAML files (no validation beyond shape: tests/stories/gazetteer.test.ts checks content). */
export function loadGazetteerData(): GazetteerData {
  const places = parseYaml(readFileSync(dataFile('places.yaml'), 'utf8')) as GazetteerEntry[];
  const actors = parseYaml(readFileSync(dataFile('actors.yaml'), 'utf8')) as GazetteerEntry[];
  const events = parseYaml(readFileSync(dataFile('events.yaml'), 'utf8')) as Pick<GazetteerData, 'kinds' | 'counts' | 'causes' | 'sequels' | 'durations'>;
  return { places, actors, kinds: events.kinds, counts: events.counts, causes: events.causes, sequels: events.sequels, durations: events.durations };
}

/** The lookup keys of one alias word: stemmed for Latin, the article-less reading for Arabic. */
function aliasKeys(alias: string): string[] {
  return tokenise(alias).map((t) => (hasArabic(t.norm) ? arabicReading(t.norm) : t.keys[0]!));
}

/** An Arabic alias word without its article (الأسد → اسد); text words offer this among their forms. */
function arabicReading(norm: string): string {
  return (norm.startsWith('ال') || norm.startsWith('لل')) && norm.length >= 4 ? norm.slice(2) : norm;
}

/**
 * The keys a text token can be matched by. An Arabic word's indefinite accusative adds an alif
 * («تشن هجوما», «قصفا صاروخيا»: usually written without its tanwin mark) that no alias carries, so
 * a word ending in alif is also read without it (سوريا also stays itself).
 */
export function tokenKeys(t: Token): readonly string[] {
  if (!hasArabic(t.norm)) return t.keys;
  const bare = t.forms.filter((f) => f.length > 3 && f.endsWith('\u0627')).map((f) => f.slice(0, -1));
  return bare.length === 0 ? t.forms : [...t.forms, ...bare];
}

/** What a finder entry is: its id, its aliases, and the words around an alias that make it an ordinary word. */
export interface PhraseEntry {
  id: string;
  words: readonly string[];
  notBefore?: readonly string[];
  notAfter?: readonly string[];
  cues?: readonly string[];
}

export interface PhraseFinderOptions {
  /**
   * An alias word written with the Arabic article («القائم», «الرمادي») matches only a word carrying
   * it (القائم, بالقائم, للقائم): «قائم» ("standing"), «دخان رمادي» ("grey smoke"), «بحلة جديدة» ("in
   * a new look"), «حميد زبير» (a surname) are ordinary words. Not the converse: names listed bare are
   * also written with the article («قاعدة الحرير», «منطقتي العكاشات»). Places only: actors are also
   * named by adjectives written without it («مسلحون حوثيون»).
   */
  article?: boolean;
}

interface Alias {
  id: string;
  keys: string[];
  /** Per word: true when the text word must carry the article (an Arabic alias word written with it). */
  article: boolean[];
  guard?: { notBefore: Set<string>; notAfter: Set<string>; cues: Set<string> };
}

/** The folded forms of guard words, as text tokens offer them. */
const foldedSet = (words: readonly string[] | undefined) => new Set((words ?? []).flatMap((w) => tokenise(w).map((t) => t.norm)));

/** A text token (its keys) carries the article before `stem`: القائم, بالقائم, والقائم, للقائم. */
function carriesArticle(keys: readonly string[], stem: string): boolean {
  return keys.includes(`ال${stem}`) || keys.includes(`لل${stem}`);
}

export interface PhraseHit {
  id: string;
  /** Token index of the first word. */
  at: number;
  /** Number of tokens. */
  len: number;
}

/** Finds aliases of entries in token sequences; the longest alias wins where several start. */
export class PhraseFinder {
  private readonly byFirst = new Map<string, Alias[]>();
  /** Every alias as its key sequence, for the collision test. */
  readonly aliases: { id: string; alias: string; keys: string[] }[] = [];

  constructor(entries: readonly PhraseEntry[], options: PhraseFinderOptions = {}) {
    for (const e of entries) {
      const guarded = e.notBefore?.length || e.notAfter?.length;
      const guard = guarded ? { notBefore: foldedSet(e.notBefore), notAfter: foldedSet(e.notAfter), cues: foldedSet(e.cues) } : undefined;
      for (const alias of e.words) {
        const words = tokenise(alias);
        const keys = aliasKeys(alias);
        if (keys.length === 0) continue;
        this.aliases.push({ id: e.id, alias, keys });
        const article = words.map((w, j) => options.article === true && hasArabic(w.norm) && w.norm !== keys[j]);
        let list = this.byFirst.get(keys[0]!);
        if (!list) this.byFirst.set(keys[0]!, (list = []));
        list.push({ id: e.id, keys, article, ...(guard ? { guard } : {}) });
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  }

  find(tokens: readonly Token[], keys: readonly (readonly string[])[] = tokens.map(tokenKeys)): PhraseHit[] {
    const out: PhraseHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.longestAt(keys, i);
      if (!hit) continue;
      out.push({ id: hit.id, at: i, len: hit.keys.length });
      i += hit.keys.length - 1;
    }
    return out;
  }

  private longestAt(keys: readonly (readonly string[])[], i: number): Alias | undefined {
    let best: Alias | undefined;
    for (const k of keys[i]!) {
      for (const cand of this.byFirst.get(k) ?? []) {
        if (best && cand.keys.length <= best.keys.length) break;
        if (cand.keys.every((ck, j) => matchesWord(cand, keys[i + j], j)) && !ordinaryWord(cand, keys, i)) best = cand;
      }
    }
    return best;
  }
}

/** Word j of an alias matches a text token (its keys), the article included where the alias says so. */
function matchesWord(a: Alias, tokenKeys: readonly string[] | undefined, j: number): boolean {
  const stem = a.keys[j]!;
  if (!tokenKeys?.includes(stem)) return false;
  return !a.article[j] || carriesArticle(tokenKeys, stem);
}

/** The alias at i is the ordinary word its name also is: a word after or before it says so, and no place cue precedes it. */
function ordinaryWord(a: Alias, keys: readonly (readonly string[])[], i: number): boolean {
  const g = a.guard;
  if (!g) return false;
  const before = keys[i - 1] ?? [];
  const after = keys[i + a.keys.length] ?? [];
  if (before.some((k) => g.cues.has(k))) return false;
  return after.some((k) => g.notBefore.has(k)) || before.some((k) => g.notAfter.has(k));
}

export interface Gazetteer {
  data: GazetteerData;
  places: PhraseFinder;
  actors: PhraseFinder;
  kinds: PhraseFinder;
  countVerbs: PhraseFinder;
  countNouns: PhraseFinder;
  causes: PhraseFinder;
  /** 'unit' (years, «عاما») and 'about' (nearly, «نحو») hits: see GazetteerData.durations. */
  durations: PhraseFinder;
  placeById: Map<string, GazetteerEntry>;
  actorById: Map<string, GazetteerEntry>;
  kindById: Map<string, KindEntry>;
  /** Each place's chain of containing places, itself first (precomputed: decisions ask often). */
  ancestors: Map<string, readonly string[]>;
}

const both = (e: { en: string[]; ar: string[] }) => [...e.en, ...e.ar];

let compiled: Gazetteer | undefined;

/** The compiled gazetteer (loaded once per process). */
export function gazetteer(): Gazetteer {
  if (compiled) return compiled;
  const data = loadGazetteerData();
  const words = (es: readonly GazetteerEntry[]): PhraseEntry[] =>
    es.map((e) => ({ id: e.id, words: both(e), notBefore: e.not_before, notAfter: e.not_after, cues: e.cues }));
  compiled = {
    data,
    places: new PhraseFinder(words(data.places), { article: true }),
    actors: new PhraseFinder(words(data.actors)),
    kinds: new PhraseFinder(words(data.kinds)),
    countVerbs: new PhraseFinder(data.counts.filter((c) => c.verb).map((c) => ({ id: c.id, words: both(c.verb!) }))),
    countNouns: new PhraseFinder(data.counts.filter((c) => c.after).map((c) => ({ id: c.id, words: both(c.after!) }))),
    causes: new PhraseFinder([
      { id: 'cause', words: both(data.causes) },
      { id: 'sequel', words: both(data.sequels) },
    ]),
    durations: new PhraseFinder([
      { id: 'unit', words: both(data.durations.units) },
      { id: 'about', words: both(data.durations.about) },
    ]),
    placeById: new Map(data.places.map((p) => [p.id, p])),
    actorById: new Map(data.actors.map((a) => [a.id, a])),
    kindById: new Map(data.kinds.map((k) => [k.id, k])),
    ancestors: new Map(),
  };
  for (const p of data.places) compiled.ancestors.set(p.id, chainOf(compiled.placeById, p.id));
  return compiled;
}

const SPECIFIC_PLACE = new Set(['base', 'airport', 'crossing', 'field', 'site', 'city']);

/** Bases, sites and cities: two reports naming different ones are about different happenings. */
export function isSpecificPlace(g: Gazetteer, id: string): boolean {
  return SPECIFIC_PLACE.has(g.placeById.get(id)?.type ?? '');
}

function chainOf(byId: ReadonlyMap<string, GazetteerEntry>, id: string): string[] {
  const out: string[] = [];
  for (let cur: string | undefined = id; cur && !out.includes(cur); cur = byId.get(cur)?.in) out.push(cur);
  return out;
}

/** The chain of places id lies in, itself first (an id unknown to this gazetteer is its own chain). */
export function placeAncestors(g: Gazetteer, id: string): readonly string[] {
  return g.ancestors.get(id) ?? [id];
}

/** One place is the other or lies within it. */
export function placesCompatible(g: Gazetteer, a: string, b: string): boolean {
  return placeAncestors(g, a).includes(b) || placeAncestors(g, b).includes(a);
}
