// The platform-neutral command contract. A command declares its arguments (arg-spec.ts), parses
// them with parseArgs (args.ts) and returns a Reply; it never imports a platform SDK. Platforms translate their events into a CommandContext and the
// Reply into their own message format (Block Kit, Telegram HTML, terminal text).
import type { PlatformStatus } from '../src/core/platform-state.ts';
import type { RuntimeChange } from '../src/core/runtime-change.ts';
import type { PlatformName } from '../src/core/outbound.ts';
import type { Digest } from '../src/digest/types.ts';
import type { ScheduleMode } from '../src/core/schedule-mode.ts';
import type { TopicDef } from '../src/core/types.ts';
import { synopsis, type ArgSpec } from './arg-spec.ts';
import type { DiscoveryView } from './feeds-text.ts';
import type { ButtonRow, Verdict } from '../src/core/buttons.ts';

export type { Button, ButtonAction, ButtonRow, Verdict } from '../src/core/buttons.ts';

export type UiLang = 'ar' | 'en';

export interface Reply {
  /** Plain text, never markup: each platform escapes it. */
  text: string;
  /** 'usage' and 'denied' mean nothing was changed. */
  status: 'ok' | 'usage' | 'denied' | 'error';
  /**
   * Shown only to the person who asked, where the platform can (Slack ephemeral): errors, usage
   * and look-ups. Digests and changes to the chat are shown to the chat.
   */
  ephemeral?: boolean;
  /**
   * A digest to render natively (Block Kit, Telegram HTML); `text` is its plain rendering.
   * Commands only pass it through; platforms render it with src/digest.
   */
  digest?: Digest;
  /**
   * A file to send with the reply (Telegram document, Slack file). Platforms that cannot send files
   * send `text` alone, so commands keep the content in `text` too when it must arrive.
   */
  file?: { name: string; mime: string; text: string; caption?: string };
  /**
   * A picture to send (a trend chart): platforms upload it with the caption; `text` is the
   * caption too, for platforms that show no pictures (the console).
   */
  image?: ReplyImage;
  /**
   * Rows of buttons under the reply (src/core/buttons.ts): each platform seals the actions and
   * draws them (Telegram inline keyboard, Slack actions block; the console lists them). A press
   * comes back as the action, run by commands/actions.ts.
   */
  buttons?: ButtonRow[];
}

export interface ReplyImage {
  png: Uint8Array;
  /** Plain text under the picture (Telegram allows 1024 characters; platforms clip). */
  caption: string;
  filename: string;
  /** Describes the picture for screen readers (Slack alt text). */
  alt: string;
}

/** A file sent with the command (a Telegram document, a Slack file); read only when needed. */
export interface Attachment {
  name: string;
  /** Bytes, as the platform reports it (a first check before downloading). */
  size?: number;
  /** The bytes; rejects (with a reason that can be shown) past maxBytes or when the download fails. */
  read(maxBytes: number): Promise<Uint8Array>;
}

export interface ChatInfo {
  id: string;
  /** 'private': a one-to-one chat with the bot (Telegram private chat, Slack DM). */
  kind: 'private' | 'group' | 'channel';
  thread?: string;
}

export interface CommandContext {
  platform: PlatformName;
  chat: ChatInfo;
  user: { id: string; name?: string };
  lang: UiLang;
  /** The language detected from the person's client and script, when a /lang choice replaced it in `lang`. */
  detectedLang?: UiLang;
  /**
   * May change what every chat sees (/watch, /feeds): RAQIB_ADMINS, or a platform role the
   * platform adapter trusts for that (Slack workspace admins and owners).
   */
  isAdmin(): Promise<boolean>;
  /**
   * May change this chat's subscriptions: anyone in their own private chat, a chat administrator
   * in groups and channels, or an admin.
   */
  isChatAdmin(): Promise<boolean>;
  services: CommandServices;
  now(): number;
  /** A file the person sent with the command. */
  attachment?: Attachment;
  /** The page asked for by a "Next ›" / "‹ Prev" press (commands/paging.ts); absent: the first. */
  page?: number;
  /** Run for the "Share in channel" button: the answer is for the whole chat (no private copy, no Share button). */
  sharing?: boolean;
}

/** Where a subscription lives: one chat (and thread) on one platform. */
export interface ChatAddress {
  platform: PlatformName;
  chat: string;
  thread?: string;
}

export interface SubscriptionView {
  topic: string;
  mode: ScheduleMode;
  timezone: string;
  mutedUntil?: string;
  /** The chat's own exclude terms for this topic. */
  exclude?: string[];
  source: 'config' | 'command';
  /** false: instant alerts without the article's picture. */
  images?: boolean;
  chart?: 'weekly';
}

export interface SearchHit {
  title: string;
  url: string;
  published: string;
  score: number;
  /** The outlet: the feed's configured name, else the article's host. */
  source: string;
}

export interface FeedView {
  url: string;
  name?: string;
  /** 'config' feeds can only be removed from the config file. */
  source: 'config' | 'runtime';
  health?: FeedHealth;
}

export interface FeedHealth {
  lastPollAt?: string;
  lastOkAt?: string;
  failures: number;
  lastError?: string;
  disabledReason?: string;
}

export interface StatusView {
  feeds: FeedView[];
  /** Undefined when the delivery queue is not wired (console-only runs, tests). */
  queueDepth?: number;
  deadLetters?: number;
  store: string;
  /** Each running chat platform's state (admins see it); absent when not wired. */
  platforms?: Record<string, PlatformStatus>;
  /** Topics and feeds changed at run time, with who and when (admins see them); absent when not wired. */
  runtime?: RuntimeChange[];
  /** How many personal topics there are and in how many chats (admins see it); absent when not wired. */
  personalTopics?: { topics: number; chats: number };
}

/** What an OPML import did: added, already polled (as which URL), refused (why). */
export type ImportView =
  | { ok: false; error: string }
  | { ok: true; added: string[]; present: { url: string; existing: string }[]; refused: { url: string; line?: number; reason: string }[] };

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** One /watch change, previewed before it is made. */
export type WatchChange =
  /** personal: a new topic of this chat only (a non-admin's /watch add in their private chat). */
  | { kind: 'put'; topic: TopicDef; action: 'add' | 'edit'; personal?: boolean }
  | { kind: 'overlay'; id: string; include: string[]; exclude: string[] }
  | { kind: 'remove'; id: string };

export interface WatchPreview {
  /** Stored articles looked at (the window's). */
  scanned: number;
  added: number;
  removed: number;
  /** Up to two each, newest first. */
  addedExamples: { title: string; url: string }[];
  removedExamples: { title: string; url: string }[];
}

/** What commands may read and change; implemented in src/app/command-services.ts. */
export interface CommandServices {
  /** The effective topics: config (or default pack) with /watch changes applied. */
  topics(): Promise<TopicDef[]>;
  /** A digest of stored articles for these topics in the window, as a Reply. */
  digest(req: { topics: string[]; sinceMs: number; untilMs: number; lang: UiLang; page?: { number: number; size: number } }): Promise<Reply>;
  /** A trend chart of stories per day for these topics, as a Reply with an image (rate-limited per chat). */
  trend(req: { topics: string[]; days: number; untilMs: number; lang: UiLang; where: ChatAddress }): Promise<Reply>;
  /** How many stored articles in the window matched the topic. */
  topicHits(topic: string, sinceMs: number, untilMs: number): Promise<number>;
  /** The newest stored articles in the window that matched the topic, newest first. */
  topicLatest(topic: string, sinceMs: number, untilMs: number, limit: number): Promise<{ title: string; url: string; published: string }[]>;
  /** Runs an (already validated) query over stored articles, best first: `limit` hits from `offset`. */
  search(req: { query: string; sinceMs: number; untilMs: number; limit: number; offset?: number }): Promise<{ total: number; hits: SearchHit[] }>;
  subscriptions: {
    list(where: ChatAddress): Promise<SubscriptionView[]>;
    /** Creates or replaces the subscription of this chat to the topic. */
    put(
      where: ChatAddress,
      sub: { topic: string; mode: ScheduleMode; timezone: string; by: string; lang?: UiLang; images?: boolean; chart?: 'weekly'; exclude?: string[] },
    ): Promise<void>;
    remove(where: ChatAddress, topic: string): Promise<boolean>;
    /** Sets (or clears, with undefined) mutedUntil; false when the chat has no such subscription. */
    mute(where: ChatAddress, topic: string, untilIso: string | undefined): Promise<boolean>;
  };
  watch: {
    /** Stores a runtime topic (add or edit); the query was validated by the caller. */
    put(topic: TopicDef, by: string): Promise<void>;
    remove(id: string): Promise<void>;
    /** What the change would do to the stored articles of the window (old and new matcher over them). */
    preview(change: WatchChange, sinceMs: number, untilMs: number): Promise<WatchPreview>;
    /** Makes the change (an overlay is merged with the topic's earlier ones). */
    apply(change: WatchChange, by: string): Promise<void>;
    /** Keeps a previewed change for `/watch confirm` by the same person in the same chat (in the store: any instance may confirm). */
    stage(key: string, change: WatchChange, atMs: number): Promise<void>;
    /** The staged change, once (taken out, on every instance), unless it is older than the preview lifetime. */
    takeStaged(key: string, nowMs: number): Promise<WatchChange | undefined>;
  };
  feeds: {
    list(): Promise<FeedView[]>;
    /** The feed fetcher's URL guard (scheme, private networks); never fetches. */
    check(url: string): Promise<UrlCheck>;
    add(url: string, by: string): Promise<void>;
    /** False when no runtime or config feed has this URL. */
    remove(url: string): Promise<boolean>;
    /** What a URL leads to (a feed with its preview, a page's feeds, or why neither); absent without a fetcher. */
    discover?(url: string): Promise<DiscoveryView>;
    /** Every polled feed as OPML 2.0 with raqib's settings; absent where feed settings are not at hand. */
    exportOpml?(): Promise<string>;
    /** Adds the feeds of an OPML file; a malformed file changes nothing. Absent where imports are not wired. */
    importOpml?(bytes: Uint8Array, by: string): Promise<ImportView>;
  };
  status(): Promise<StatusView>;
  /** What a chat chose for itself (src/store/chat-prefs-store.ts). */
  chats: {
    /** The language chosen with /lang; undefined: detected per message. */
    lang(where: ChatAddress): Promise<UiLang | undefined>;
    setLang(where: ChatAddress, lang: UiLang | undefined, by: string): Promise<void>;
    /** True the first time only: a platform's one-time welcome in a chat. */
    firstWelcome(where: ChatAddress): Promise<boolean>;
    /** The welcome was not sent after all: the next chance is a first time again. */
    unwelcome(where: ChatAddress): Promise<void>;
  };
  /** Feedback on alerts and digest stories; absent where no store is wired. */
  feedback?: FeedbackServices;
  /** Why a stored story matched a topic, recomputed from its lead article; undefined when the story or topic is gone. */
  explainStory?(topic: string, story: string): Promise<StoryExplanation | undefined>;
  /**
   * The services as one chat sees them: the global topics and that chat's personal topics, under
   * the ids the chat gave them (src/app/personal-scope.ts). The dispatcher scopes every command.
   */
  forChat?(where: ChatAddress): CommandServices;
}

export interface FeedbackServices {
  /** Stores a person's verdict on a story for a topic (the story's lead article is looked up). */
  record(v: {
    topic: string;
    story: string;
    verdict: Verdict;
    platform: PlatformName;
    chat: string;
    user: string;
    atMs: number;
  }): Promise<'new' | 'changed' | 'same'>;
  /** Alerts sent and verdicts given for a topic in the window. */
  summary(topic: string, sinceMs: number, untilMs: number): Promise<{ alerts: number; relevant: number; notRelevant: number }>;
  /** Exclude terms that would keep out the topic's 👎 stories of the window and few of its 👍 ones, best first. */
  suggestExcludes(topic: string, sinceMs: number, untilMs: number, limit: number): Promise<ExcludeSuggestions>;
}

/** What /topic TOPIC suggestions shows (src/topics/exclude-suggestions.ts). */
export interface ExcludeSuggestions {
  /** Stories judged 👎 and 👍 in the window (one verdict per story: the majority's). */
  down: number;
  up: number;
  /** The topic's stored matches in the window. */
  stored: number;
  suggestions: { term: string; down: number; up: number; stored: number }[];
}

export interface StoryExplanation {
  title: string;
  /** Matched terms, as written in the topic. */
  terms: string[];
  /** The clauses that held (name and a short rendering), exclusions left out. */
  clauses: string[];
}

export interface CommandDef {
  name: string;
  /** The arguments, declared once: parsed by parseArgs, shown in /help, the Telegram menu and Slack's usage hint. */
  spec: ArgSpec;
  description: Record<UiLang, string>;
  /** Only admins may run it (checked by the dispatcher before the command sees its arguments). */
  admin?: boolean;
  /** With `admin`: anyone may run it in their private chat, and the command decides what they may do there. */
  openInPrivate?: boolean;
  run(ctx: CommandContext, argText: string): Promise<Reply>;
}

/** "/digest [TOPIC] [SINCE]". */
export function usageLine(def: Pick<CommandDef, 'name' | 'spec'>): string {
  const args = synopsis(def.spec);
  return `/${def.name}${args ? ` ${args}` : ''}`;
}

export function ok(text: string, extra: Partial<Reply> = {}): Reply {
  return { status: 'ok', text, ...extra };
}
