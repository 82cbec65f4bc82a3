// KeyedMutex and WorkerPool: order per key, parallel across keys, bounded concurrency, no leaks.
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../src/core/keyed-mutex.ts';
import { WorkerPool } from '../../src/core/worker-pool.ts';

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
    await m.run('x', () => {
      throw new Error('sync throw');
    }).catch(() => {});
    expect(m.size).toBe(0);
  });
});

describe('WorkerPool', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    const pool = new WorkerPool(3);
    let now = 0;
    let peak = 0;
    const out = await pool.map(Array.from({ length: 20 }, (_, i) => i), async (i) => {
      now++;
      peak = Math.max(peak, now);
      await tick(2 + (i % 4));
      now--;
      return i * 2;
    });
    expect(peak).toBe(3);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(pool.active).toBe(0);
    expect(pool.queued).toBe(0);
  });

  it('a throwing task frees its slot', async () => {
    const pool = new WorkerPool(1);
    await expect(pool.run(async () => {
      throw new Error('x');
    })).rejects.toThrow('x');
    await expect(pool.run(async () => 'next')).resolves.toBe('next');
    expect(() => new WorkerPool(0)).toThrow(RangeError);
  });
});
