// What a joining report adds to its story, in words a follow-up can show: higher or first counts
// ("killed: 5"), places and actors the story had not named (with their English and Arabic names
// from the gazetteer), and event kinds. The story index gives ids; this turns them into fields.
import type { ChangedField, StoredArticle, StoryAssignment } from '../core/types.ts';
import { gazetteer, type GazetteerEntry } from '../stories/gazetteer.ts';
import type { SignatureChange, StoryIndex } from '../stories/index.ts';

function named(field: string, id: string, e: GazetteerEntry | undefined): ChangedField {
  const en = e?.en[0] ?? id;
  const ar = e?.ar[0];
  return { field, value: en, ...(ar && ar !== en ? { ar } : {}) };
}

export function changedFields(change: SignatureChange | undefined): ChangedField[] {
  if (!change) return [];
  const g = gazetteer();
  const out: ChangedField[] = [];
  for (const [what, n] of Object.entries(change.counts ?? {})) out.push({ field: what, value: String(n) });
  for (const id of change.places ?? []) out.push(named('place', id, g.placeById.get(id)));
  for (const id of change.actors ?? []) out.push(named('actor', id, g.actorById.get(id)));
  // Topic kinds (t:…) say which subscription matched: the reader knows that already.
  for (const id of (change.kinds ?? []).filter((k) => !k.startsWith('t:'))) out.push(named('kind', id, g.kindById.get(id)));
  return out;
}

/** Story assignment for ingest: the index's decision with its changes in words. */
export function assignWithChanges(index: StoryIndex): (s: StoredArticle) => Promise<StoryAssignment> {
  return async (s) => {
    const r = await index.assign(s);
    const changed = changedFields(r.changed);
    const merged = r.merged && r.mergedSpan ? { merged: { ids: r.merged, ...r.mergedSpan } } : {};
    return { storyId: r.storyId, isNew: r.isNew, ...(changed.length > 0 ? { changed } : {}), ...merged };
  };
}
