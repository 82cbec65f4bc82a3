// Every failure of a store operation leaves the store as a StoreError, so that callers (a poll,
// a delivery step, a command) can tell "our store failed" from anything else without knowing
// keyv, SQLite or Redis. A namespace's keyv instance is wrapped once, when it is made.
import type Keyv from 'keyv';
import { RaqibError, StoreError } from '../core/errors.ts';

const OPERATIONS = new Set<PropertyKey>(['get', 'getMany', 'set', 'setMany', 'delete', 'deleteMany', 'has', 'hasMany', 'clear']);
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|closed|connect|Socket/i;

/** A store failure as a StoreError (a RaqibError passes through). */
export function storeError(e: unknown, where: string): RaqibError {
  if (e instanceof RaqibError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const unreachable = UNREACHABLE.test(`${typeof code === 'string' ? code : ''} ${message}`);
  return new StoreError(`${where}: ${message}`, { cause: e, code: unreachable ? 'STORE_UNAVAILABLE' : 'STORE_FAILED' });
}

async function* guardedIterator<T>(it: AsyncGenerator<T>, where: string): AsyncGenerator<T> {
  try {
    for await (const x of it) yield x;
  } catch (e) {
    throw storeError(e, where);
  }
}

/** The same keyv instance, with its operations' failures turned into StoreErrors. */
export function withStoreErrors<T>(kv: Keyv<T>, where: string): Keyv<T> {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(kv, {
    get(target, prop) {
      const hit = cache.get(prop);
      if (hit) return hit;
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      const fn = v as (...a: unknown[]) => unknown;
      let out: unknown;
      if (OPERATIONS.has(prop)) {
        out = async (...a: unknown[]) => {
          try {
            return await fn.apply(target, a);
          } catch (e) {
            throw storeError(e, where);
          }
        };
      } else if (prop === 'iterator') out = (...a: unknown[]) => guardedIterator(fn.apply(target, a) as AsyncGenerator<unknown>, where);
      else out = fn.bind(target);
      cache.set(prop, out);
      return out;
    },
  });
}
