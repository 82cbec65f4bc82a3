// The same-story decision: does this report describe the same happening as that one? Text
// similarity (sketch.ts) plus agreement of event signatures (signature.ts). The rule, its weights
// and why are documented in README.md under "Stories"; this file is the only place they live.
//
//  1. Vetoes — a different event whatever the wording:
//     - place: both leads name specific places (sites decide when both name one) and none of one
//       side's is, contains or lies in one of the other side's, and neither report mentions the
//       other's (when one does, a penalty instead: a retaliation names the attacked base too);
//     - headline place: both headlines name specific places and none agrees;
//     - day: event days more than one day apart (two days are allowed for a follow-up whose own
//       day is not stated, when the wording is near-identical); with no time at all (no
//       publication time, no day in the text) only near-identical wording joins;
//     - count: both leads count the same thing (drones, rockets, targets) with clearly different
//       numbers; for killed/wounded only when no specific place is shared (a toll rises);
//     - kind: the headlines carry mutually exclusive kinds (halted / resumes);
//     - cause and response: one report answers the happening the other reports (a strike "in
//       retaliation for" the attack, a vow of revenge for the strike; or, on another day, a
//       strike "after" the attack) and they report nothing alike.
//  2. Score = text similarity + signature agreement (weights below); join at JOIN_SCORE.
import { similarity, type StorySketch } from './sketch.ts';
import { gazetteer, isSpecificPlace, placeAncestors, placesCompatible, type Gazetteer } from './gazetteer.ts';
import type { EventSignature } from './signature.ts';

export interface Comparable {
  sketch: StorySketch;
  sig: EventSignature;
}

export interface Decision {
  score: number;
  /** Why it would join (shown by `raqib stories`): "same place: ain-al-asad", "text 0.52". */
  reasons: string[];
  /** Set when a conflict makes them different events. */
  veto?: string;
}

export const WEIGHTS = {
  /** A specific place named in both leads (or one inside the other). */
  leadPlace: 0.25,
  /** The same, when the most specific place they share is a city (Baghdad sees many events a day). */
  leadCity: 0.15,
  /** A specific place named in both texts, not both leads. */
  place: 0.1,
  /** A named person or faction in both. */
  specificActor: 0.1,
  /** Another actor (a force, an institution) in both; also each further shared actor. */
  actor: 0.05,
  /** Most the actors can add together. */
  actorsCap: 0.2,
  /** Both leads name specific places that do not agree, but each report mentions the other's. */
  leadPlacesApart: -0.2,
  /** A topic in common; event types (strike, drone …) in common, when they are a third or more of those either lead names. */
  topic: 0.05,
  eventType: 0.05,
  /** The same event day; more when both reports state it ("on Wednesday", "الأربعاء"). */
  sameDay: 0.1,
  sameStatedDay: 0.15,
  /** The same number for the same thing ("three killed" in both). */
  count: 0.15,
  /** One report's day is unknown (no publication time, no day in the text): no day evidence at all. */
  dayUnknown: -0.1,
  /** Both state their day explicitly and the days differ by one. */
  explicitDayApart: -0.2,
  /** The days differ by one, at least one of them not stated (a follow-up, or the next happening). */
  dayApart: -0.1,
  /**
   * An Arabic and an English report whose leads name the same person or faction, with an event
   * type in common, on the same day: their wording cannot be compared (text similarity is about
   * 0 across scripts), so this stands in for the text a same-language rewrite would share.
   */
  crossLanguageLead: 0.1,
  /**
   * An Arabic and an English report of the same day whose leads agree on what happened (a strike, an
   * attack, a halt: not only a detail such as the toll) and share a place (in both leads, or a site both
   * texts name when a lead names none), an actor or a count. Their
   * wording cannot be compared at all, where a same-language rewrite of one event usually shares
   * some (text similarity 0.15–0.5 in our labelled pairs), so the signature alone carries them and gets
   * this much in place of the text (tuned on labelled pairs: README, "Stories").
   */
  crossLanguageText: 0.15,
} as const;

/** Score at or above which two reports are one story. */
export const JOIN_SCORE = 0.45;
/**
 * A report that joins one story and agrees at this score (no conflict) with another story's report
 * shows the two to be one happening: they merge (story-index.ts). Higher than JOIN_SCORE, since a
 * merge folds whole stories together; 0.5 was the lowest value that merged no distinct events in our
 * labelled sets while 0.55 lost most of the merges (README, "Stories").
 */
export const MERGE_SCORE = 0.5;
/** Near-identical wording lets an undated follow-up be two days later. */
const FOLLOW_UP_TEXT = 0.5;
/** Share of the event types two leads name that both must name for them to count as agreeing. */
const TYPE_AGREEMENT = 1 / 3;
/** Ratio between two counts of the same thing beyond which they are different events. */
const COUNT_RATIO = 1.5;

const intersect = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

/** Each lead names a specific place and no pair agrees: 'apart' when one report also names the other's place. */
function leadPlaces(a: EventSignature, b: EventSignature): 'none' | 'agree' | 'apart' | 'conflict' {
  if (a.lead.length === 0 || b.lead.length === 0) return 'none';
  const g = gazetteer();
  // When both leads name sites (bases, airports, fields), the sites decide: a convoy leaving Ain
  // al-Asad and a statement at the embassy in Baghdad are apart though both leads say Baghdad.
  const sitesA = a.lead.filter((x) => isSite(g, x));
  const sitesB = b.lead.filter((x) => isSite(g, x));
  const [la, lb] = sitesA.length > 0 && sitesB.length > 0 ? [sitesA, sitesB] : [a.lead, b.lead];
  if (la.some((x) => lb.some((y) => placesCompatible(g, x, y)))) return 'agree';
  a = { ...a, lead: la };
  b = { ...b, lead: lb };
  // A retaliation names the attacked base and the struck sites: one outlet leads with each.
  // Mentioned means the place itself or one inside it: "near Erbil" does not mention Harir.
  const mentioned = (lead: readonly string[], places: readonly string[]) => lead.some((x) => places.some((y) => placeAncestors(g, y).includes(x)));
  return mentioned(a.lead, b.places) || mentioned(b.lead, a.places) ? 'apart' : 'conflict';
}

/** The provinces a report's lead places it in: its lead places' provinces and the provinces its lead names. */
function areasOf(g: Gazetteer, sig: EventSignature): string[] {
  const out = new Set(sig.leadAreas ?? []);
  for (const p of sig.lead) for (const up of placeAncestors(g, p)) if (g.placeById.get(up)?.type === 'province') out.add(up);
  return [...out];
}

/**
 * Both leads say which province it happened in, the provinces differ, and neither report names the
 * other's province anywhere: two events. Outlets often place a strike by province only ("an air
 * strike in Diyala", «في الأنبار»); on a busy day same-worded reports from two provinces are two
 * happenings. A round-up naming both provinces is not told apart by this rule.
 */
function areaConflict(g: Gazetteer, a: EventSignature, b: EventSignature, explain: boolean): string | undefined {
  const x = areasOf(g, a);
  const y = areasOf(g, b);
  if (x.length === 0 || y.length === 0 || x.some((p) => y.includes(p))) return undefined;
  const names = (sig: EventSignature, areas: readonly string[]) => sig.places.some((p) => placeAncestors(g, p).some((up) => areas.includes(up)));
  if (names(a, y) || names(b, x)) return undefined;
  return explain ? `different province: ${x.join('+')} / ${y.join('+')}` : 'province';
}

function dayConflict(a: EventSignature, b: EventSignature, text: number): string | undefined {
  // Without any time, places and actors cannot tell this week's attack on a base from last
  // year's: only near-identical wording (a copy) joins.
  if (a.dayKnown === false || b.dayKnown === false) return text >= FOLLOW_UP_TEXT ? undefined : 'day unknown';
  const apart = Math.abs(a.day - b.day);
  if (apart <= 1) return undefined;
  if (apart === 2 && !(a.dayExplicit && b.dayExplicit) && text >= FOLLOW_UP_TEXT) return undefined;
  return `different day: ${apart} days apart`;
}

function countConflict(a: EventSignature, b: EventSignature, sharedPlace: boolean): string | undefined {
  // A count told in a cause clause is the answered happening's ("after the attack that killed three
  // soldiers"): it agrees with that happening's reports but says nothing against another toll.
  const own = (sig: EventSignature, what: string) => sig.counts[what]?.filter((v) => !sig.recalledCounts?.[what]?.includes(v));
  for (const what of Object.keys(a.counts)) {
    const x = own(a, what);
    const y = own(b, what);
    if (!x?.length || !y?.length || what === 'troops') continue;
    if (x.some((v) => y.includes(v))) continue;
    if ((what === 'killed' || what === 'wounded') && sharedPlace) continue;
    const hi = Math.max(...x, ...y);
    const lo = Math.min(Math.max(...x), Math.max(...y));
    if (hi / Math.max(lo, 1) > COUNT_RATIO) return `different count: ${what} ${x.join('/')} vs ${y.join('/')}`;
  }
  return undefined;
}

function kindConflict(a: EventSignature, b: EventSignature): string | undefined {
  const g = gazetteer();
  for (const k of a.kinds) {
    for (const ex of g.kindById.get(k)?.excludes ?? []) {
      if (b.kinds.includes(ex) && !a.kinds.includes(ex) && !b.kinds.includes(k)) return `different kind: ${k} / ${ex}`;
    }
  }
  return undefined;
}

/**
 * a names, as the cause it answers, a happening b reports, and what a reports is not among what b
 * reports: a strike in retaliation for the attack on a base recounts that attack at length (same
 * base, same wounded, same faction), yet it is another happening. Details (the weapon, the toll)
 * do not count: a US drone strike and a militia drone attack share "drone".
 */
function causeConflict(a: EventSignature, b: EventSignature): string | undefined {
  if (!a.recalled || !b.reported || !a.reported) return undefined;
  // "After" alone is chronology as often as cause, and the labelled reports keep an attack and the
  // strike answering it the same day as one event: it tells only reports of different days apart.
  if (!a.answers && a.day === b.day) return undefined;
  const g = gazetteer();
  const main = (ks: readonly string[]) => ks.filter((k) => g.kindById.get(k)?.detail !== true);
  const mine = main(a.reported);
  const theirs = main(b.reported);
  const cause = main(a.recalled).find((k) => theirs.includes(k));
  if (!cause || mine.length === 0 || mine.some((k) => theirs.includes(k))) return undefined;
  return `cause and response: ${mine.join('+')} in response to ${cause}`;
}

/** Both headlines name specific places and none agrees: the headline says where it happened. */
function headlineConflict(g: Gazetteer, a: EventSignature, b: EventSignature, explain: boolean): string | undefined {
  const x = a.head ?? [];
  const y = b.head ?? [];
  if (x.length === 0 || y.length === 0 || x.some((p) => y.some((q) => placesCompatible(g, p, q)))) return undefined;
  return explain ? `different place in the headlines: ${x.join('+')} / ${y.join('+')}` : 'headline place';
}

const isSite = (g: Gazetteer, id: string) => isSpecificPlace(g, id) && g.placeById.get(id)?.type !== 'city';

function sharedLead(g: Gazetteer, a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    for (const y of b) {
      if (!placesCompatible(g, x, y)) continue;
      const wider = placeAncestors(g, x).includes(y) ? y : x;
      if (!out.includes(wider)) out.push(wider);
    }
  }
  return out;
}

/** The first thing both leads count with the same number ("killed 3" in both), if any. */
function sharedCount(a: EventSignature, b: EventSignature): { what: string; n: number } | undefined {
  for (const what of Object.keys(a.counts)) {
    const n = a.counts[what]!.find((v) => b.counts[what]?.includes(v));
    if (n !== undefined) return { what, n };
  }
  return undefined;
}

/** A place, an actor or a count both reports name. */
function sharesEntity(a: EventSignature, b: EventSignature): boolean {
  const g = gazetteer();
  if (a.actors.some((x) => b.actors.includes(x))) return true;
  if (a.places.some((x) => isSpecificPlace(g, x) && b.places.includes(x))) return true;
  return sharedCount(a, b) !== undefined;
}

/** Kinds as compared: each read as the kind it is another side of (a handover is a withdrawal), once. */
const uniqueKinds = (g: Gazetteer, ks: readonly string[]) => [...new Set(ks.map((k) => g.kindById.get(k)?.sameAs ?? k))];

/**
 * The event types (not topics) both leads name, when they are a third or more of all the types
 * either names; else none. One type in common among many says little: a strike on a faction and
 * that faction's threat the same day share "attack" but not what happened.
 */
function agreedTypes(a: EventSignature, b: EventSignature): string[] {
  const g = gazetteer();
  const ta = uniqueKinds(
    g,
    a.kinds.filter((k) => !k.startsWith('t:')),
  );
  const tb = uniqueKinds(
    g,
    b.kinds.filter((k) => !k.startsWith('t:')),
  );
  const shared = intersect(ta, tb);
  // When what both report is a decision (a withdrawal, a halt, talks), not an armed happening, the
  // details named beside it (the rockets a faction stops firing, "said in a statement") do not
  // dilute the agreement. Strikes and attacks keep the strict share: a busy day has many of them.
  const main = (ks: readonly string[]) => ks.filter((k) => g.kindById.get(k)?.detail !== true);
  const [ma, mb, ms] = [main(ta), main(tb), main(shared)];
  if (ms.length > 0 && !ms.some((k) => g.kindById.get(k)?.armed === true)) return ms.length / new Set([...ma, ...mb]).size >= TYPE_AGREEMENT ? shared : [];
  return shared.length > 0 && shared.length / new Set([...ta, ...tb]).size >= TYPE_AGREEMENT ? shared : [];
}

/**
 * The cross-language bonus: different languages, the same day, agreed event types and, in both
 * leads, a person or faction, or any actor when both leads also name the same place and the types
 * they agree on include what happened (a strike, an attack), not only a detail such as the toll.
 * "Israeli strike on Damascus kills Revolutionary Guards officers" and its Arabic report share
 * no words; the force and the place in both leads stand in for them. A memorial and a strike in
 * the same city with the same broad actor share only the toll word, and stay apart.
 */
function crossLanguageLead(g: Gazetteer, a: EventSignature, b: EventSignature, types: readonly string[], placeShared: boolean, reasons?: string[]): number {
  if (!sameDayAcrossScripts(a, b) || types.length === 0) return 0;
  const happened = placeShared && whatHappenedAgrees(g, types);
  const who = intersect(a.leadActors ?? [], b.leadActors ?? []).find((x) => happened || ['person', 'faction'].includes(g.actorById.get(x)?.type ?? ''));
  if (!who) return 0;
  reasons?.push(`same lead actor across languages: ${who}`);
  return WEIGHTS.crossLanguageLead;
}

/** An Arabic and an English report (any two languages) whose event day is known and the same. */
function sameDayAcrossScripts(a: EventSignature, b: EventSignature): boolean {
  if (!a.lang || !b.lang || a.lang === b.lang) return false;
  return a.dayKnown !== false && b.dayKnown !== false && a.day === b.day;
}

/** The agreed event types include what happened (a strike, an attack), not only a detail (the toll, the weapon). */
const whatHappenedAgrees = (g: Gazetteer, types: readonly string[]) => types.some((k) => g.kindById.get(k)?.detail !== true);

/** Both leads name one actor, or actors speaking for one side (Biden in one, the Pentagon in the other). */
function leadActorsAgree(g: Gazetteer, a: EventSignature, b: EventSignature): boolean {
  const sides = (sig: EventSignature) => (sig.leadActors ?? []).map((x) => g.actorById.get(x)?.side ?? x);
  return intersect(sides(a), sides(b)).length > 0;
}

/** The stand-in for wording across scripts (see WEIGHTS.crossLanguageText). */
function crossLanguageText(g: Gazetteer, a: EventSignature, b: EventSignature, types: readonly string[], placeShared: boolean, reasons?: string[]): number {
  // What both report, not what one recalls ("vows more attacks after the strike that killed three").
  const reported = types.filter((k) => uniqueKinds(g, a.reported ?? a.kinds).includes(k) && uniqueKinds(g, b.reported ?? b.kinds).includes(k));
  if (!sameDayAcrossScripts(a, b) || !whatHappenedAgrees(g, reported)) return 0;
  if (!placeShared && !sharedCount(a, b) && !leadActorsAgree(g, a, b)) return 0;
  reasons?.push('across languages: the leads agree on what, who or where');
  return WEIGHTS.crossLanguageText;
}

/** Signature agreement: the bonus and its reasons. */
function agreement(a: EventSignature, b: EventSignature, leadShared: string[], leadsApart: boolean, reasons: string[] | undefined): number {
  const g = gazetteer();
  let bonus = 0;
  if (leadShared.length > 0) {
    bonus += leadShared.some((x) => isSite(g, x)) ? WEIGHTS.leadPlace : WEIGHTS.leadCity;
    reasons?.push(`same place: ${leadShared[0]}`);
  } else if (!leadsApart) {
    // When the leads name different sites, a place both mention is the other report's background.
    const shared = intersect(a.places, b.places).filter((p) => isSpecificPlace(g, p));
    if (shared.length > 0) {
      bonus += WEIGHTS.place;
      reasons?.push(`same place: ${shared[0]}`);
    }
  }
  const actors = intersect(a.actors, b.actors);
  const specific = actors.filter((x) => ['person', 'faction'].includes(g.actorById.get(x)?.type ?? ''));
  if (actors.length > 0) {
    const first = specific.length > 0 ? WEIGHTS.specificActor : WEIGHTS.actor;
    bonus += Math.min(WEIGHTS.actorsCap, first + WEIGHTS.actor * (actors.length - 1));
  }
  if (actors.length > 0) reasons?.push(`same actor: ${(specific[0] ?? actors[0])!}`);
  const topics = intersect(a.kinds, b.kinds).filter((k) => k.startsWith('t:'));
  if (topics.length > 0) bonus += WEIGHTS.topic;
  const types = agreedTypes(a, b);
  if (types.length > 0) bonus += WEIGHTS.eventType;
  if (types.length + topics.length > 0) reasons?.push(`same kind: ${(types[0] ?? topics[0])!.replace(/^t:/, '')}`);
  if (a.dayKnown === false || b.dayKnown === false) {
    // "Now" for both is no evidence of one day.
    bonus += WEIGHTS.dayUnknown;
  } else if (a.day === b.day) {
    bonus += a.dayExplicit && b.dayExplicit ? WEIGHTS.sameStatedDay : WEIGHTS.sameDay;
    reasons?.push('same day');
  } else if (a.dayExplicit && b.dayExplicit) {
    bonus += WEIGHTS.explicitDayApart;
  } else {
    bonus += WEIGHTS.dayApart;
  }
  bonus += crossLanguageLead(g, a, b, types, leadShared.length > 0, reasons);
  // An announcement often names its base only further down (a committee's statement on the end of
  // the mission; the base it left): a site both texts name stands in when one lead names no place.
  const siteShared = leadShared.length > 0 || (!leadsApart && intersect(a.places, b.places).some((p) => isSite(g, p)));
  bonus += crossLanguageText(g, a, b, types, siteShared, reasons);
  const count = sharedCount(a, b);
  if (count) {
    bonus += WEIGHTS.count;
    reasons?.push(`same count: ${count.what} ${count.n}`);
  }
  return bonus;
}

/**
 * Compares a new report with a stored one. Reasons (and the wording of a veto) are only built
 * when `explain` is set: the index compares thousands of pairs per article and explains one.
 */
export function compare(a: Comparable, b: Comparable, explain = false): Decision {
  // Most stored reports in the window are days away: settle those before any text comparison.
  const daysApart = Math.abs(a.sig.day - b.sig.day);
  if (daysApart > 2 && a.sig.dayKnown !== false && b.sig.dayKnown !== false) return { score: 0, reasons: [], veto: `different day: ${daysApart} days apart` };
  const g = gazetteer();
  const places = leadPlaces(a.sig, b.sig);
  // Shared lead places, each taken at the less specific of the two (Baghdad, for the embassy and Baghdad).
  const leadShared = places === 'agree' ? sharedLead(g, a.sig.lead, b.sig.lead) : [];
  // Conflicts that need no text comparison come first: most candidates end here.
  const early =
    (places === 'conflict' ? (explain ? `different place: ${a.sig.lead.join('+')} / ${b.sig.lead.join('+')}` : 'place') : undefined) ??
    headlineConflict(g, a.sig, b.sig, explain) ??
    (places === 'agree' ? undefined : areaConflict(g, a.sig, b.sig, explain)) ??
    countConflict(a.sig, b.sig, leadShared.length > 0) ??
    kindConflict(a.sig, b.sig) ??
    kindConflict(b.sig, a.sig) ??
    causeConflict(a.sig, b.sig) ??
    causeConflict(b.sig, a.sig);
  if (early && !explain) return { score: 0, reasons: [], veto: early };
  const text = similarity(a.sketch, b.sketch).score;
  const veto = early ?? dayConflict(a.sig, b.sig, text);
  const reasons: string[] = [];
  const bonus = agreement(a.sig, b.sig, leadShared, places === 'apart', explain ? reasons : undefined);
  const apart = places === 'apart' ? WEIGHTS.leadPlacesApart : 0;
  if (explain && text >= 0.05) reasons.push(`text ${text.toFixed(2)}`);
  // Day and kind are context, not identity: without a place, an actor or a count in common
  // two reports are judged on their wording alone (a quiet news day is not one story).
  const identified = sharesEntity(a.sig, b.sig);
  const raw = identified ? text + bonus + apart : text + Math.min(0, bonus + apart);
  // Rounded: weights that add up to exactly JOIN_SCORE (0.25 + 0.05 + 0.05 + 0.10) come out a
  // hair below it in floating point, and such reports stayed apart against the documented rule.
  const out: Decision = { score: Math.round(raw * 1e6) / 1e6, reasons };
  if (veto) out.veto = veto;
  return out;
}

/** True when the decision says "same story". */
export const joins = (d: Decision, threshold = JOIN_SCORE): boolean => !d.veto && d.score >= threshold;
