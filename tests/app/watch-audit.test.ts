// /watch changes what every chat sees: the registry keeps who changed a topic and when.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { openWorld, type World } from '../commands/command-world.ts';

describe('watch.put keeps who changed a topic', () => {
  let w: World;
  beforeEach(async () => {
    w = await openWorld({ now: () => Date.parse('2026-03-10T12:00:00Z') });
  });
  afterEach(async () => {
    await w.close();
  });

  it('stores platform:user and the time with the runtime topic, and keeps topics plain for the rest', async () => {
    const admin = w.ctx({ admin: true, platform: 'telegram', userId: '4242' });
    expect((await dispatch(admin, 'watch', 'add oil oil OR نفط confirm')).status).toBe('ok');
    const stored = (await w.registry.topics.over([], (t) => t.id)).find((t) => t.id === 'oil');
    expect(stored).toEqual({ id: 'oil', query: 'oil OR نفط', changedBy: 'telegram:4242', changedAt: '2026-03-10T12:00:00.000Z' });
    expect(w.catalog.list().find((t) => t.id === 'oil')).toEqual({ id: 'oil', query: 'oil OR نفط' });
  });
});
