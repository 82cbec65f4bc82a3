// The /watch side of CommandServices: store a runtime topic or an include/exclude overlay, preview
// a change by running the old and the new matcher over the window's stored articles, and keep a
// previewed change until the person confirms it (or it goes stale). The previewed change is kept
// in the store, not in this process: with several instances on one Redis the confirm may reach
// another instance than the preview did, and a restart in between must not lose it.
import type { CommandServices, WatchChange, WatchPreview } from '../../commands/types.ts';
import type { TopicDef } from '../core/types.ts';
import { coded } from '../core/errors.ts';
import { compileTopics, type Matcher } from '../topics/index.ts';
import { applyOverlay, mergeOverlays } from '../topics/topic-overlay.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { RegistryStore, RuntimeTopic } from '../store/registry-store.ts';
import { parsePersonalId, type PersonalTopicStore } from '../store/personal-topic-store.ts';
import { DraftStore } from '../store/draft-store.ts';
import type { Store } from '../store/open-store.ts';

/** A preview older than this is not confirmed: the articles or the topic may have changed. */
export const PREVIEW_TTL_MS = 10 * 60_000;
const EXAMPLES = 2;

/** A previewed change and when it was previewed (the command's clock). */
export interface WatchDraft {
  change: WatchChange;
  at: number;
}

/** Where previewed changes wait for `/watch confirm`, shared by every instance on the store. */
export const watchDrafts = (store: Store) => new DraftStore<WatchDraft>(store, 'watch_drafts');

export interface WatchDeps {
  topics: () => Promise<TopicDef[]>;
  articles: ArticleStore;
  registry: RegistryStore;
  /** Where personal topics are kept; a change to a personal id (personalId) goes there. */
  personal?: PersonalTopicStore;
  /** Previewed changes waiting for confirm (watchDrafts). */
  drafts: DraftStore<WatchDraft>;
  onTopicsChanged?: () => Promise<void>;
  now?: () => number;
}

const idOf = (c: WatchChange) => (c.kind === 'put' ? c.topic.id : c.id);

/** The topic as it would be after the change; undefined when removed (or nothing to change). */
function after(change: WatchChange, current: TopicDef | undefined): TopicDef | undefined {
  if (change.kind === 'put') return change.topic;
  if (change.kind === 'remove' || !current) return undefined;
  return applyOverlay(current, { include: change.include, exclude: change.exclude });
}

const matches = (m: Matcher | undefined, doc: { title: string; text: string }) => (m ? m.match(doc).length > 0 : false);

async function preview(deps: WatchDeps, change: WatchChange, sinceMs: number, untilMs: number): Promise<WatchPreview> {
  const current = (await deps.topics()).find((t) => t.id === idOf(change));
  const next = after(change, current);
  const before = current ? compileTopics([current]) : undefined;
  const now = next ? compileTopics([next]) : undefined;
  const stored = await deps.articles.listBetween(sinceMs, untilMs);
  const out: WatchPreview = { scanned: stored.length, added: 0, removed: 0, addedExamples: [], removedExamples: [] };
  for (const s of stored) {
    const doc = { title: s.article.title, text: s.article.text || s.article.summary, feedId: s.article.feedId };
    const was = matches(before, doc);
    const is = matches(now, doc);
    if (was === is) continue;
    const ex = { title: s.article.title, url: s.article.url };
    if (is) {
      out.added++;
      if (out.addedExamples.length < EXAMPLES) out.addedExamples.push(ex);
    } else {
      out.removed++;
      if (out.removedExamples.length < EXAMPLES) out.removedExamples.push(ex);
    }
  }
  return out;
}

async function storedTopic(registry: RegistryStore, id: string): Promise<RuntimeTopic | undefined> {
  return (await registry.topics.over([], (t) => t.id)).find((t) => t.id === id);
}

/** A change to a personal topic: kept with its owner, under the id the owner's chat sees. */
async function applyPersonal(deps: WatchDeps, store: PersonalTopicStore, change: WatchChange, stamp: { changedBy: string; changedAt: string }): Promise<void> {
  const { owner, id } = parsePersonalId(idOf(change))!;
  if (change.kind === 'remove') await store.remove(owner, id);
  else if (change.kind === 'put') await store.set({ owner, topic: { ...plainTopic(change.topic), id }, ...stamp });
  else {
    const current = (await store.forChat(owner)).find((p) => p.topic.id === id);
    if (!current) return;
    await store.set({ owner, topic: applyOverlay(current.topic, { include: change.include, exclude: change.exclude }), ...stamp });
  }
  await deps.onTopicsChanged?.();
}

/** What is kept of a topic: its definition, not how the catalog marked it. */
function plainTopic({ origin: _o, ...t }: TopicDef): TopicDef {
  return t;
}

async function apply(deps: WatchDeps, change: WatchChange, by: string): Promise<void> {
  const stamp = { changedBy: by, changedAt: new Date((deps.now ?? Date.now)()).toISOString() };
  if (deps.personal && parsePersonalId(idOf(change))) return applyPersonal(deps, deps.personal, change, stamp);
  if (change.kind === 'remove') await deps.registry.topics.remove(change.id);
  else if (change.kind === 'put') await deps.registry.topics.set(change.topic.id, { ...change.topic, ...stamp });
  else {
    const overlay = { include: change.include, exclude: change.exclude };
    const stored = await storedTopic(deps.registry, change.id);
    const current = (await deps.topics()).find((t) => t.id === change.id);
    if (!current) return;
    if (stored && !stored.overlay) {
      // A topic added or replaced at run time has nothing under it: change it in place.
      const { changedBy: _b, changedAt: _a, ...plain } = stored;
      await deps.registry.topics.set(change.id, { ...applyOverlay(plain, overlay), ...stamp });
    } else {
      await deps.registry.topics.set(change.id, { id: change.id, query: current.query, overlay: mergeOverlays(stored?.overlay, overlay), ...stamp });
    }
  }
  await deps.onTopicsChanged?.();
}

export function watchServices(deps: WatchDeps): CommandServices['watch'] {
  return {
    put: coded('watch.put', 'STORE_FAILED', (topic: TopicDef, by: string) => apply(deps, { kind: 'put', topic, action: 'edit' }, by)),
    remove: coded('watch.remove', 'STORE_FAILED', (id: string) => apply(deps, { kind: 'remove', id }, '')),
    preview: coded('watch.preview', 'STORE_FAILED', (change: WatchChange, sinceMs: number, untilMs: number) => preview(deps, change, sinceMs, untilMs)),
    apply: coded('watch.apply', 'STORE_FAILED', (change: WatchChange, by: string) => apply(deps, change, by)),
    // The store expires a draft after the preview's lifetime (Redis by itself; SQLite when it is next read).
    stage: coded('watch.stage', 'STORE_FAILED', (key: string, change: WatchChange, atMs: number) => deps.drafts.put(key, { change, at: atMs }, PREVIEW_TTL_MS)),
    takeStaged: coded('watch.takeStaged', 'STORE_FAILED', async (key: string, nowMs: number) => {
      const d = await deps.drafts.take(key);
      // Measured on the command's clock too: the store's expiry runs on the wall clock, and lazily on SQLite.
      if (!d || nowMs - d.at > PREVIEW_TTL_MS) return undefined;
      return d.change;
    }),
  };
}
