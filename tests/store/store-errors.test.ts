// A failing store operation leaves the store as a StoreError (code STORE_*), whatever keyv,
// SQLite or Redis threw.
import { describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/stores.ts';
import { StoreError } from '../../src/core/errors.ts';

// SQLite: a closed database fails every call. (A closed Redis client reconnects on demand, so
// closing it is no way to make it fail.)
const sqlite = storeCases.filter((c) => c.name === 'sqlite');

describe.each(sqlite)('store failures ($name)', (sc) => {
  it('a read or write on a closed store rejects with a StoreError', async () => {
    const { store, cleanup } = await sc.open();
    const kv = store.namespace<string>('meta');
    await kv.set('k', 'v');
    expect(await kv.get('k')).toBe('v');
    await store.close();
    const read = kv.get('k');
    await expect(read).rejects.toBeInstanceOf(StoreError);
    await expect(read).rejects.toMatchObject({ code: expect.stringMatching(/^STORE_/), message: expect.stringMatching(/^store meta: /) });
    await expect(kv.set('k', 'w')).rejects.toBeInstanceOf(StoreError);
    await cleanup().catch(() => undefined); // closing twice is expected to complain
  });
});
