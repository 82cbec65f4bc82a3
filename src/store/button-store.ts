// What the button codec (src/core/button-codec.ts) keeps: the signing secret, made once at random
// and kept in the store so that every instance on the store signs alike and buttons survive a
// restart; and the actions too long for a payload, each kept for the buttons' lifetime.
import { randomBytes } from 'node:crypto';
import type { ActionStash } from '../core/button-codec.ts';
import type { ButtonAction } from '../core/buttons.ts';
import type { Store } from './open-store.ts';

const SECRET_KEY = 'secret';

/** The store's button secret (32 random bytes, created on first use). */
export async function buttonSecret(store: Store): Promise<Uint8Array> {
  const kv = store.namespace<string>('button_keys');
  const existing = await kv.get(SECRET_KEY);
  if (existing) return Buffer.from(existing, 'base64');
  await kv.set(SECRET_KEY, randomBytes(32).toString('base64'));
  // Two instances starting together may both have written one: the read settles on the survivor.
  return Buffer.from(String(await kv.get(SECRET_KEY)), 'base64');
}

export function buttonStash(store: Store): ActionStash {
  const kv = store.namespace<ButtonAction>('button_actions');
  return {
    put: async (id, action, ttlMs) => void (await kv.set(id, action, ttlMs)),
    get: async (id) => kv.get(id),
  };
}
