// The readable form of one topic for /topic: names, description, each clause of the condition by
// name with its first terms and how many it has, the condition in words, and recent activity. It
// is for a subscriber deciding whether the topic is what they want, not for parsing back, so no
// query syntax appears for a structured topic, and it stays well inside one Telegram message.
import type { ClauseSpec, TermSource, TopicDef, TopicSpec } from '../src/core/types.ts';
import { type UiLang } from './types.ts';
import { plural, t } from '../src/i18n/catalogue.ts';

export interface TopicActivity {
  day: number;
  week: number;
  latest: { title: string; published: string }[];
  /** The last 30 days' alerts and the 👍 / 👎 given on them, where feedback is kept. */
  feedback?: { alerts: number; relevant: number; notRelevant: number };
}

/** How many terms a clause line shows before "…". */
const SHOWN = 2;
const TERM_MAX = 22;
const HEADLINE_MAX = 100;
const ARABIC = /[\u0600-\u06FF]/;

interface TermSet {
  sample: string[];
  count: number;
}

/** The terms of a free-query clause, without its operators (for counting and a sample). */
function queryTerms(query: string): string[] {
  const out: string[] = [];
  const re = /"([^"]+)"|([^\s()"]+)/g;
  for (const m of query.matchAll(re)) {
    const t = m[1] ?? m[2]!;
    if (/^(OR|AND|NOT|NEAR\/\d+|BEFORE\/\d+|-)$/.test(t)) continue;
    out.push(t.replace(/^-/, ''));
  }
  return out;
}

/** A clause's own terms and those of the clauses it is made of (once each), the reader's script first. */
function termsOf(spec: TopicSpec, c: ClauseSpec, lang: UiLang, seen = new Set<string>()): string[] {
  const out: string[] = [];
  const add = (ts: readonly (TermSource | string)[]) => {
    for (const t of ts) {
      const text = typeof t === 'string' ? t : t.text;
      if (!seen.has(text)) {
        seen.add(text);
        out.push(text);
      }
    }
  };
  if (c.query !== undefined) add(queryTerms(c.query));
  add(c.terms);
  for (const name of c.clauses) {
    const sub = spec.clauses[name];
    if (sub) out.push(...termsOf(spec, sub, lang, seen));
  }
  return out;
}

function nearTermsOf(spec: TopicSpec, c: ClauseSpec, seen = new Set<string>()): string[] {
  const out: string[] = [];
  const own = c.near
    ? [...c.near.terms.map((t) => t.text), ...c.near.clauses.flatMap((n) => (spec.clauses[n] ? termsOf(spec, spec.clauses[n], 'en') : []))]
    : [];
  for (const t of own) {
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  for (const name of c.clauses) {
    const sub = spec.clauses[name];
    if (sub) out.push(...nearTermsOf(spec, sub, seen));
  }
  return out;
}

/** A term as a reader says it: no `=` (exact form) or `*` (any ending) marks, long ones cut. */
function plainTerm(t: string): string {
  const plain = t.replace(/^=/, '').replace(/\*/g, '');
  return plain.length > TERM_MAX ? `${plain.slice(0, TERM_MAX - 1).trimEnd()}.` : plain;
}

function termSet(terms: string[], lang: UiLang): TermSet {
  const mine = terms.filter((t) => ARABIC.test(t) === (lang === 'ar'));
  const other = terms.filter((t) => ARABIC.test(t) !== (lang === 'ar'));
  // Whole words read better than cut ones: short terms first, each shown once.
  const plain = [...mine, ...other].map((t) => t.replace(/^=/, '').replace(/\*/g, ''));
  const ordered = [...plain.filter((t) => t.length <= TERM_MAX), ...plain.filter((t) => t.length > TERM_MAX)];
  const sample = [...new Set(ordered.map(plainTerm))].slice(0, SHOWN);
  return { sample, count: terms.length };
}

function showSet(s: TermSet, lang: UiLang): string {
  const list = s.sample.join(t(lang, 'topic-view.listSep'));
  if (s.count <= s.sample.length) return list;
  return `${list} … ${t(lang, 'topic-view.terms', { count: s.count })}`;
}

/** `pullout — withdraw, pullout, drawdown … (34 terms) near troops, forces … (21 terms)`. */
export function clauseLine(spec: TopicSpec, name: string, lang: UiLang): string {
  const c = spec.clauses[name];
  if (!c) return name;
  let out = `${name} — ${showSet(termSet(termsOf(spec, c, lang), lang), lang)}`;
  const near = nearTermsOf(spec, c);
  if (near.length > 0) out += ` ${t(lang, 'topic-view.near')} ${showSet(termSet(near, lang), lang)}`;
  if (c.notNear.length > 0) out += t(lang, 'topic-view.notNextTo');
  if (c.min !== undefined && c.min > 1) out += t(lang, 'topic-view.atLeastTimes', { min: c.min });
  if (c.in === 'title') out += t(lang, 'topic-view.inTheHeadline');
  return out;
}

/** Clause names in the order the condition uses them (each once). */
function conditionClauses(spec: TopicSpec): string[] {
  const names = [...spec.require, ...spec.any.flat(), ...spec.exclude];
  return [...new Set(names)];
}

/** The condition in words: all of, at least one of, none of. */
export function conditionText(spec: TopicSpec, lang: UiLang): string {
  const sep = t(lang, 'topic-view.listSep2');
  const anyItem = (e: string | string[]) => (typeof e === 'string' ? e : e.join(t(lang, 'topic-view.with')));
  const parts: string[] = [];
  if (spec.require.length > 0) parts.push(t(lang, 'topic-view.allOf', { sep: spec.require.join(sep) }));
  if (spec.any.length > 0) parts.push(t(lang, 'topic-view.atLeastOne', { sep: spec.any.map(anyItem).join(sep) }));
  if (spec.exclude.length > 0) parts.push(t(lang, 'topic-view.noneOf', { sep: spec.exclude.join(sep) }));
  return t(lang, 'topic-view.anArticleMatches', { v: parts.join(lang === 'ar' ? '؛ و' : '; and ') });
}

function header(def: TopicDef, lang: UiLang): string[] {
  const mine = def.names?.[lang];
  const other = def.names?.[lang === 'ar' ? 'en' : 'ar'];
  const names = [mine ?? def.name ?? def.id, other].filter((x, i, a) => x && a.indexOf(x) === i);
  // In Arabic the other name is data in another script: isolated so that it keeps its order.
  const title = names.map((x, i) => (lang === 'ar' && i > 0 ? `\u2068${x}\u2069` : x)).join(' · ');
  const lines = [`${title} (${def.id})`];
  const desc = def.description?.[lang] ?? def.description?.en ?? def.description?.ar;
  if (desc) lines.push(desc);
  if (def.aliases && def.aliases.length > 0) lines.push(t(lang, 'topic-view.alsoCalled', { v: def.aliases.join(lang === 'ar' ? '، ' : ', ') }));
  if (def.feedScope) {
    // Feed names and URLs are data in their own script: isolated in Arabic so each keeps its order.
    const v = def.feedScope.feeds.map((f) => (lang === 'ar' ? `\u2068${f.ref}\u2069` : f.ref)).join(lang === 'ar' ? '، ' : ', ');
    lines.push(t(lang, def.feedScope.kind === 'only' ? 'topic-view.feedsOnly' : 'topic-view.feedsExcept', { v }));
  }
  return lines;
}

function activityLines(a: TopicActivity, lang: UiLang): string[] {
  const lines = [t(lang, 'topic-view.matchesInThe', { day: a.day, week: a.week })];
  if (a.feedback) {
    const f = a.feedback;
    lines.push(t(lang, 'topic-view.feedback', { alerts: plural(lang, 'count.alerts', f.alerts), up: f.relevant, down: f.notRelevant }));
  }
  if (a.latest.length > 0) {
    lines.push(t(lang, 'topic-view.latest'));
    for (const h of a.latest) {
      const title = h.title.length > HEADLINE_MAX ? `${h.title.slice(0, HEADLINE_MAX - 1)}…` : h.title;
      lines.push(`– ${title} (${h.published.slice(0, 10)})`);
    }
  }
  return lines;
}

/** The whole /topic reply. A free-query topic shows its query, which is what its owner wrote. */
export function renderTopicView(def: TopicDef, lang: UiLang, activity: TopicActivity): string {
  const lines = header(def, lang);
  if (def.spec) {
    lines.push('', t(lang, 'topic-view.clauses'));
    for (const name of conditionClauses(def.spec)) lines.push(`• ${clauseLine(def.spec, name, lang)}`);
    lines.push(conditionText(def.spec, lang));
  } else {
    // The query is the topic's own text (Latin or Arabic): isolated so that it keeps its order.
    lines.push(`${t(lang, 'topic-view.query')}: ${lang === 'ar' ? `\u2068${def.query}\u2069` : def.query}`);
  }
  lines.push('', ...activityLines(activity, lang));
  return lines.join('\n');
}
