import { describe, expect, it } from 'vitest';
import { KeyedMutex, Mutex } from '../../src/core/keyed-mutex.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedMutex', () => {
  it('runs work under one key one at a time, in order; other keys run alongside', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    let releaseA!: () => void;
    const a1 = m.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((r) => (releaseA = r));
      log.push('a1 end');
      return 1;
    });
    const a2 = m.run('a', () => {
      log.push('a2');
      return 2;
    });
    const b = m.run('b', () => {
      log.push('b');
      return 3;
    });
    await tick();
    expect(log).toEqual(['a1 start', 'b']);
    expect(m.isLocked('a')).toBe(true);
    releaseA();
    expect(await Promise.all([a1, a2, b])).toEqual([1, 2, 3]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
    await tick();
    expect(m.size).toBe(0);
  });

  it('a failed run rejects its caller only; the next run under the key still runs', async () => {
    const m = new KeyedMutex();
    const bad = m.run('k', async () => {
      throw new Error('boom');
    });
    const good = m.run('k', async () => 'ok');
    await expect(bad).rejects.toThrow('boom');
    await expect(good).resolves.toBe('ok');
  });

  it('Mutex serialises every section', async () => {
    const m = new Mutex();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        m.run(async () => {
          most = Math.max(most, ++inside);
          await tick();
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(m.locked).toBe(false);
  });
});
