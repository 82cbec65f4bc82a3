// KeyedMutex as the platforms use it: order per key, parallel across keys, no leaked entries, idle().
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../src/core/keyed-mutex.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedMutex', () => {
  it('runs one key in order and different keys in parallel', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string, name: string, ms: number) =>
      m.run(key, async () => {
        log.push(`start ${name}`);
        await tick(ms);
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job('a', 'a1', 30), job('a', 'a2', 1), job('b', 'b1', 5)]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    // a2 waits for a1 although it is faster; b1 does not wait for a1.
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('a failure reaches its caller only and the key keeps working', async () => {
    const m = new KeyedMutex();
    const bad = m.run('k', async () => {
      throw new Error('boom');
    });
    const good = m.run('k', async () => 2);
    await expect(bad).rejects.toThrow('boom');
    await expect(good).resolves.toBe(2);
  });

  it('leaves no map entry behind once a key is idle', async () => {
    const m = new KeyedMutex();
    await Promise.all(Array.from({ length: 200 }, (_, i) => m.run(`chat-${i % 50}`, async () => tick(1))));
    await m
      .run('x', () => {
        throw new Error('sync throw');
      })
      .catch(() => {});
    expect(m.size).toBe(0);
  });
});

describe('KeyedMutex.idle', () => {
  it('settles only after every queued run has settled', async () => {
    const m = new KeyedMutex();
    const done: string[] = [];
    void m.run('a', async () => {
      await tick(20);
      done.push('a');
    });
    void m
      .run('b', async () => {
        await tick(5);
        throw new Error('b fails');
      })
      .catch(() => done.push('b'));
    await m.idle();
    expect(done).toContain('a');
  });
});
