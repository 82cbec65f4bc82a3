// What `raqib reset` counts and removes, by namespace (namespaces.ts). Most namespaces are keyv
// ones; the outbox on Redis is written by Lua scripts under `<prefix>:outbox:`, so its keys are
// found by pattern there. A reset is an operator's action on a stopped raqib, never a hot path.
import type { Store } from './open-store.ts';
import { NAMESPACES, namespacesOf, type NamespaceInfo, type NamespaceName, type ResetPart } from './namespaces.ts';

function rawPattern(store: Store, name: NamespaceName): string | undefined {
  const info: NamespaceInfo = NAMESPACES[name];
  return store.kind === 'redis' && info.redisKeys ? `${store.redisPrefix ?? 'raqib'}:${name}:*` : undefined;
}

async function rawKeys(store: Store, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of store.redis!.scanIterator({ MATCH: pattern, COUNT: 500 })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
  return keys;
}

/** The keys stored in one namespace. */
export async function keysIn(store: Store, name: NamespaceName): Promise<string[]> {
  const pattern = rawPattern(store, name);
  const keys: string[] = pattern ? await rawKeys(store, pattern) : [];
  for await (const [k] of store.namespace(name).iterator!(undefined)) keys.push(String(k));
  return keys;
}

/** Removes everything one namespace holds. */
export async function clearNamespace(store: Store, name: NamespaceName): Promise<void> {
  const pattern = rawPattern(store, name);
  if (pattern) {
    const keys = await rawKeys(store, pattern);
    for (let i = 0; i < keys.length; i += 500) await store.redis!.del(keys.slice(i, i + 500));
  }
  await store.namespace(name).clear();
}

export interface PartSurvey {
  part: ResetPart;
  namespaces: { name: NamespaceName; keys: string[] }[];
}

/** Each part's namespaces and their keys, in list order. */
export async function surveyParts(store: Store, parts: readonly ResetPart[]): Promise<PartSurvey[]> {
  const out: PartSurvey[] = [];
  for (const part of parts) {
    const namespaces = [];
    for (const name of namespacesOf(part)) namespaces.push({ name, keys: await keysIn(store, name) });
    out.push({ part, namespaces });
  }
  return out;
}

export async function clearParts(store: Store, parts: readonly ResetPart[]): Promise<void> {
  for (const part of parts) for (const name of namespacesOf(part)) await clearNamespace(store, name);
}
