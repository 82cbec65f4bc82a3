import { describe, expect, it } from 'vitest';
import { mapPool } from '../../src/core/pool.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('mapPool', () => {
  it('keeps at most `concurrency` calls running and returns results in input order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (n, i) => {
      most = Math.max(most, ++running);
      for (let k = 0; k < n; k++) await tick();
      running--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });

  it('an empty list resolves at once; a zero width still makes progress', async () => {
    expect(await mapPool([], 4, async () => 1)).toEqual([]);
    expect(await mapPool([1, 2], 0, async (n) => n * 2)).toEqual([2, 4]);
  });

  it('stops starting work after the first failure and rejects with it once the running calls end', async () => {
    const started: number[] = [];
    let finished = 0;
    const p = mapPool([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('item 1');
      finished++;
      return n;
    });
    await expect(p).rejects.toThrow('item 1');
    expect(started).toEqual([0, 1, 2]);
    expect(finished).toBe(2);
  });
});
