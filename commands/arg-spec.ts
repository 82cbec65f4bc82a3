// What each command takes, declared once as data: the parser (args.ts), the usage lines, /help,
// Telegram's command menu and the Slack manifest's usage hints all read the same declaration.
import type { ScheduleMode } from '../src/core/schedule-mode.ts';
import type { UiLang } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

/** The value each kind of argument parses to. */
export interface KindValues {
  /** A configured topic id, lower-cased. */
  topic: string;
  /** Any one word, lower-cased (a topic that may no longer exist, a command name). */
  word: string;
  /** A new topic id: lower-case letters, digits and dashes. */
  topicId: string;
  /** A look-back window such as 24h or 7d (ms, at most 30 days). */
  window: number;
  /** A length of time such as 30m or 2d (ms, at most `max`). */
  duration: number;
  /** instant | hourly | daily HH:MM | cron "…" (src/core/schedule-mode.ts). */
  schedule: ScheduleMode;
  /** An IANA time zone, as Intl spells it. */
  timezone: string;
  /** The topic query language, validated; takes the rest of the text. */
  query: string;
  /** One URL as typed; commands check it with the fetcher's guard. */
  url: string;
  /** One of `values`. */
  enum: string;
  /** Settings written as "NAME VALUE" pairs ("images off chart weekly"), by name; see `options`. */
  options: Record<string, string>;
}

export type ArgKind = keyof KindValues;

export interface ArgDef {
  /** Shown in usage lines and error messages: TOPIC, SINCE. */
  readonly name: string;
  readonly kind: ArgKind;
  readonly optional?: boolean;
  /** enum: the words it takes. Other kinds: literal words also taken as they are ("all", "off"). */
  readonly values?: readonly string[];
  /** duration and window: the longest accepted, in ms (window: default 30 days). */
  readonly max?: number;
  /** Takes every word of its kind (anyOrder specs only): "/trend iraq us-strikes 7d". */
  readonly many?: boolean;
  /** options: each setting's name and the values it takes. */
  readonly options?: Readonly<Record<string, readonly string[]>>;
  /** Shown instead of the name in the usage line (the schedule's forms). */
  readonly display?: string;
  /** What the argument is, for /help and for "missing" messages. */
  readonly description: Readonly<Record<UiLang, string>>;
}

export interface ArgSpec<A extends readonly ArgDef[] = readonly ArgDef[]> {
  readonly args: A;
  /** The arguments may come in any order: each token goes to the first argument that takes it. */
  readonly anyOrder?: boolean;
}

type Extra<D extends ArgDef> = D['values'] extends readonly (infer W)[] ? W : never;
type OneOf<D extends ArgDef> = D['kind'] extends 'enum' ? Extra<D> : KindValues[D['kind']] | Extra<D>;
type ValueOf<D extends ArgDef> = D['many'] extends true ? OneOf<D>[] : OneOf<D>;

/** The typed result of parsing: one property per argument, undefined when an optional one is absent. */
export type ArgValues<A extends readonly ArgDef[]> = {
  [D in A[number] as D['name']]: D['optional'] extends true ? ValueOf<D> | undefined : ValueOf<D>;
};

/** Declares a command's arguments; `const` keeps the names and words literal for ArgValues. */
export function argSpec<const A extends readonly ArgDef[]>(args: A, opts: { anyOrder?: boolean } = {}): ArgSpec<A> {
  return { args, ...opts };
}

export const NO_ARGS = argSpec([]);

/** Kinds that take the rest of the text rather than one word. */
export function takesRest(kind: ArgKind): boolean {
  return kind === 'query';
}

/** "[TOPIC] [SINCE]", "add|edit|remove TOPIC [QUERY]". */
export function synopsis(spec: ArgSpec): string {
  return spec.args
    .map((a) => {
      // Each setting is its own optional pair: "[images on|off] [chart weekly|off]".
      if (a.kind === 'options') return optionsSynopsis(a);
      const shown = `${a.display ?? (a.kind === 'enum' ? (a.values ?? []).join('|') : a.name)}${a.many ? '…' : ''}`;
      return a.optional ? `[${shown}]` : shown;
    })
    .join(' ');
}

function optionsSynopsis(a: ArgDef): string {
  const pairs = Object.entries(a.options ?? {}).map(([name, values]) => `${name} ${values.join('|')}`);
  return pairs.map((p) => (a.optional ? `[${p}]` : p)).join(' ');
}

/** One line per argument for /help COMMAND. */
export function argLines(spec: ArgSpec, lang: UiLang): string[] {
  return spec.args.map(
    (a) => `  ${a.kind === 'enum' ? (a.values ?? []).join('|') : a.name}${a.optional ? ` ${t(lang, 'args.optional')}` : ''} — ${a.description[lang]}`,
  );
}
