// Argument parsing for every command: one function reads a command's declared ArgSpec
// (arg-spec.ts) from the typed text. Strict by design: anything not understood is answered with a
// usage Reply that names the argument and what it expects, and the command changes nothing.
import { BadInputError } from '../src/core/errors.ts';
import type { TopicDef } from '../src/core/types.ts';
import { checkRest, checkSchedule, checkWord, clip, type Check, type CheckEnv } from './arg-kinds.ts';
import { synopsis, takesRest, type ArgDef, type ArgSpec, type ArgValues } from './arg-spec.ts';
import { type CommandContext, type Reply, type UiLang } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';
import { normaliseArgs } from '../src/i18n/input.ts';

export { clip };

/** Chat clients "smarten" quotes (Slack, macOS, iOS): treat them as the ASCII ones. */
export function straightenQuotes(s: string): string {
  return s.replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"').replace(/[\u2018\u2019\u201A\u201B]/g, "'");
}

export type Parsed<A extends readonly ArgDef[]> = { ok: true; values: ArgValues<A> } | { ok: false; reply: Reply };

/** The usage Reply every command answers a bad argument with. */
export function usageReply(command: string, spec: ArgSpec, lang: UiLang, problem?: string): Reply {
  const prefix = problem ? `${problem}\n` : '';
  const args = synopsis(spec);
  return { status: 'usage', ephemeral: true, text: `${prefix}${t(lang, 'args.usage', { line: `/${command}${args ? ` ${args}` : ''}` })}` };
}

/** A bad argument: its message is safe to show to whoever typed it. */
class ArgProblem extends BadInputError {}

/** Parses `text` by the command's spec: the typed values, or the usage Reply naming what is wrong. */
export async function parseArgs<const A extends readonly ArgDef[]>(
  command: string,
  spec: ArgSpec<A>,
  text: string,
  ctx: Pick<CommandContext, 'lang' | 'services'>,
  /** The spec the usage line shows, when the command reads part of its text itself (/subscribe's exclude tail). */
  shown: ArgSpec = spec,
): Promise<Parsed<A>> {
  let topics: Promise<TopicDef[]> | undefined;
  const env: CheckEnv = { lang: ctx.lang, topics: () => (topics ??= ctx.services.topics()) };
  try {
    // Words in Arabic or spelled out ("٦ ساعات", "2 days", "يومياً") read as 6h, 2d, daily; a
    // command with free text (a query) keeps it as typed and reads digits per word instead.
    const typed = spec.args.some((a) => takesRest(a.kind)) ? text : normaliseArgs(text);
    const cursor = new Cursor(straightenQuotes(typed), env.lang);
    const values = spec.anyOrder ? await readAnyOrder(spec.args, cursor, env) : await readInOrder(spec.args, cursor, env);
    return { ok: true, values: values as ArgValues<A> };
  } catch (e) {
    if (!(e instanceof ArgProblem)) throw e;
    return { ok: false, reply: usageReply(command, shown, ctx.lang, e.message) };
  }
}

/** Reads words (double or single quotes group words) from a text, up to `end`. */
class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly lang: UiLang,
    public end = text.length,
  ) {}

  /** The next word without taking it; undefined at the end. */
  peek(): { token: string; next: number } | undefined {
    const s = this.text;
    let i = this.pos;
    while (i < this.end && /\s/.test(s[i]!)) i++;
    if (i >= this.end) return undefined;
    const q = s[i];
    if (q !== '"' && q !== "'") {
      let j = i;
      while (j < this.end && !/\s/.test(s[j]!)) j++;
      return { token: s.slice(i, j), next: j };
    }
    const close = s.indexOf(q, i + 1);
    if (close < 0 || close >= this.end) throw new ArgProblem(t(this.lang, 'args.unclosedAtCharacter', { q, at: i + 1 }));
    if (close + 1 < this.end && !/\s/.test(s[close + 1]!)) throw new ArgProblem(t(this.lang, 'args.expectedASpace', { q }));
    return { token: s.slice(i + 1, close), next: close + 1 };
  }

  rest(): string {
    return this.text.slice(this.pos, this.end).trim();
  }
}

function fail(arg: ArgDef, check: Check & { ok: false }): never {
  throw new ArgProblem(`${arg.name}: ${check.problem}`);
}

function missing(arg: ArgDef, lang: UiLang): never {
  throw new ArgProblem(t(lang, 'args.isMissing', { name: arg.name, what: arg.description[lang] }));
}

function unexpected(token: string, lang: UiLang): never {
  throw new ArgProblem(t(lang, 'args.unexpected', { token: clip(token) }));
}

/** Arguments in their declared order; an optional one that does not fit is skipped. */
async function readInOrder(args: readonly ArgDef[], cur: Cursor, env: CheckEnv): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  const restAt = args.findIndex((a) => takesRest(a.kind));
  // Words after a rest-of-text argument are read from the end: "/search militia 3d".
  if (restAt >= 0) await readTail(args.slice(restAt + 1), cur, env, values);
  // A setting's name ends the optional arguments before it: "/subscribe iraq instant images off".
  const settingNames = new Set(args.flatMap((a) => Object.keys(a.options ?? {})));
  for (const arg of restAt >= 0 ? args.slice(0, restAt + 1) : args) {
    const next = cur.peek()?.token.toLowerCase();
    const skip = arg.optional && arg.kind !== 'options' && next !== undefined && settingNames.has(next);
    const check = skip ? undefined : await readOne(arg, cur, env);
    if (check === undefined) {
      if (!arg.optional) missing(arg, env.lang);
    } else if (check.ok) values[arg.name] = check.value;
    else if (check.bad || !arg.optional) fail(arg, check);
  }
  const extra = cur.peek();
  if (extra) unexpected(extra.token, env.lang);
  return values;
}

/** Reads one argument at the cursor, advancing past it when it fits; undefined at the end. */
async function readOne(arg: ArgDef, cur: Cursor, env: CheckEnv): Promise<Check | undefined> {
  if (takesRest(arg.kind)) {
    const text = cur.rest();
    if (text === '') return undefined;
    cur.pos = cur.end;
    return checkRest(text, env);
  }
  const word = cur.peek();
  if (!word) return undefined;
  if (arg.kind === 'options') return readSettings(arg, cur, env);
  if (arg.kind === 'schedule') {
    const start = cur.text.length - cur.text.slice(cur.pos).trimStart().length;
    const check = checkSchedule(cur.text.slice(start, cur.end), env);
    if (check.ok) cur.pos = start + check.length!;
    return check;
  }
  const check = await checkWord(word.token, arg, env);
  if (check.ok) cur.pos = word.next;
  return check;
}

/** "NAME VALUE" pairs while the next word names a setting; each setting at most once. */
function readSettings(arg: ArgDef, cur: Cursor, env: CheckEnv): Check {
  const options = arg.options ?? {};
  const values: Record<string, string> = {};
  for (let word = cur.peek(); word; word = cur.peek()) {
    const name = word.token.toLowerCase();
    const allowed = options[name];
    if (!allowed) break;
    if (name in values) throw new ArgProblem(t(env.lang, 'args.giveOnce', { name }));
    cur.pos = word.next;
    const value = cur.peek();
    const v = value?.token.toLowerCase();
    if (!value || v === undefined || !allowed.includes(v)) {
      return { ok: false, bad: true, problem: t(env.lang, 'args.settingValue', { name, list: allowed.join(', '), token: clip(value?.token ?? '') }) };
    }
    cur.pos = value.next;
    values[name] = v;
  }
  if (Object.keys(values).length > 0) return { ok: true, value: values };
  return { ok: false, bad: false, problem: t(env.lang, 'args.settingNames', { names: Object.keys(options).join(', ') }) };
}

/** The one-word arguments that follow a rest-of-text argument, taken from the end of the text. */
async function readTail(tail: readonly ArgDef[], cur: Cursor, env: CheckEnv, values: Record<string, unknown>): Promise<void> {
  for (const arg of [...tail].reverse()) {
    const m = /(?:^|\s)(\S+)$/.exec(cur.text.slice(0, cur.end).trimEnd());
    const check = m ? await checkWord(m[1]!, arg, env) : undefined;
    if (check?.ok) {
      values[arg.name] = check.value;
      cur.end = m!.index;
    } else if (check && (check.bad || !arg.optional)) fail(arg, check);
    else if (!arg.optional) missing(arg, env.lang);
  }
}

/** Each word goes to the first argument still free that takes it ("/digest 48h iraq"). */
async function readAnyOrder(args: readonly ArgDef[], cur: Cursor, env: CheckEnv): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (let word = cur.peek(); word; word = cur.peek()) {
    cur.pos = word.next;
    const free = args.filter((a) => a.many || !(a.name in values));
    const checks = await Promise.all(free.map((a) => checkWord(word.token, a, env)));
    const at = checks.findIndex((c) => c.ok);
    if (at >= 0) {
      const arg = free[at]!;
      const value = (checks[at] as { value: unknown }).value;
      if (!arg.many) values[arg.name] = value;
      else if (!((values[arg.name] ??= []) as unknown[]).includes(value)) (values[arg.name] as unknown[]).push(value);
      continue;
    }
    for (const a of args.filter((x) => x.name in values && !x.many)) {
      if ((await checkWord(word.token, a, env)).ok) throw new ArgProblem(t(env.lang, 'args.giveOnce', { name: a.name }));
    }
    const strong = checks.findIndex((c) => !c.ok && c.bad && !c.weak);
    const bad = strong >= 0 ? strong : checks.findIndex((c) => !c.ok && c.bad);
    if (bad >= 0) fail(free[bad]!, checks[bad] as Check & { ok: false });
    unexpected(word.token, env.lang);
  }
  for (const a of args) if (!a.optional && !(a.name in values)) missing(a, env.lang);
  return values;
}
