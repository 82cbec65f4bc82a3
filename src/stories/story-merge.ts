// Merged stories. Two outlets' first reports of one happening (often one per language) start two
// stories when they cannot be compared well; a later report that plainly belongs to both shows
// they are one, and the index folds the second into the first (story-index.ts decides when). The
// folded record stays, marked `mergedInto`, so an id stored on articles at ingest still leads to
// the story. The decision reads records only for the stories an article joins or ties together,
// so merging costs nothing for the many candidate stories it does not touch.
import type Keyv from 'keyv';
import { mergeSignatures } from './story-signature.ts';
import type { StoryRecord } from './story-index.ts';

/** mergedInto hops followed at most (a merged story merged again); more would mean a cycle. */
const MAX_HOPS = 8;
/** Sources and article ids kept per story record (a long-running story must not grow forever). */
export const MAX_LISTED = 200;

export class MergedStories {
  /** Story id → the story it was merged into; a merge never comes undone, so found ones are kept. */
  private readonly into = new Map<string, string>();

  constructor(private readonly stories: Keyv<StoryRecord>) {}

  /**
   * The records the ids now live on in (itself unless merged), by the ids asked for. Records not
   * found are left out. Reads the records, and the records they were merged into.
   */
  async records(ids: Iterable<string>): Promise<Map<string, StoryRecord>> {
    const out = new Map<string, StoryRecord>();
    let open = new Map<string, string>();
    for (const id of ids) open.set(id, this.follow(id));
    for (let hops = 0; open.size > 0 && hops < MAX_HOPS; hops++) {
      const at = [...new Set(open.values())];
      const got = await this.stories.getMany(at);
      const byId = new Map<string, StoryRecord>();
      got.forEach((r, i) => {
        if (r) byId.set(at[i]!, r);
      });
      const next = new Map<string, string>();
      for (const [id, where] of open) {
        const rec = byId.get(where);
        if (rec?.mergedInto && rec.mergedInto !== where) {
          this.into.set(where, rec.mergedInto);
          next.set(id, rec.mergedInto);
        } else if (rec) out.set(id, rec);
      }
      open = next;
    }
    return out;
  }

  /** Each id → the id of the story it now lives on in (itself when unknown or not merged). */
  async resolve(ids: Iterable<string>): Promise<Map<string, string>> {
    const list = [...new Set(ids)];
    const recs = await this.records(list);
    return new Map(list.map((id) => [id, recs.get(id)?.id ?? id]));
  }

  /**
   * Folds `others` into `into` (which already holds the joining report) and writes them all:
   * their reports now count as into's. Their alerts were sent; nothing is sent again. Returns the
   * ids folded.
   */
  async fold(into: StoryRecord, others: readonly StoryRecord[]): Promise<string[]> {
    const done: string[] = [];
    for (const rec of others) {
      if (rec.mergedInto || rec.id === into.id) continue;
      const add = (list: string[], xs: readonly string[]) => {
        for (const x of xs) if (list.length < MAX_LISTED && !list.includes(x)) list.push(x);
      };
      add(into.articleIds, rec.articleIds);
      add(into.feedIds, rec.feedIds);
      into.articleCount += rec.articleCount;
      into.languages = [...new Set([...(into.languages ?? []), ...(rec.languages ?? [])])];
      if (rec.signature) into.signature = into.signature ? mergeSignatures(into.signature, rec.signature) : rec.signature;
      if (rec.firstSeen < into.firstSeen) into.firstSeen = rec.firstSeen;
      if (rec.lastSeen > into.lastSeen) into.lastSeen = rec.lastSeen;
      rec.mergedInto = into.id;
      this.into.set(rec.id, into.id);
      done.push(rec.id);
    }
    if (done.length === 0) return done;
    // The survivor first: a reader between the writes finds the folded record still whole.
    await this.stories.set(into.id, into);
    for (const rec of others) if (done.includes(rec.id)) await this.stories.set(rec.id, rec);
    return done;
  }

  /**
   * The story this id is known (in this process) to live on in: no read. Merges this process has
   * not seen yet are found when the record is read (records), as every decision does for the stories it joins.
   */
  follow(id: string): string {
    let at = id;
    for (let hops = 0; this.into.has(at) && hops < MAX_HOPS; hops++) at = this.into.get(at)!;
    return at;
  }
}
