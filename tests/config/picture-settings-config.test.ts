// The subscription's picture settings in the config: images true|false and chart weekly, with a
// clear refusal for a chart on an instant subscription; seeding keeps them on the stored route.
import { describe, expect, it } from 'vitest';
import { subscriptionSchema } from '../../src/config/schema.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { storeCases } from '../helpers/stores.ts';

const base = { topic: 'iraq', platform: 'telegram', chat: '42' } as const;

describe('subscriptions: images and chart', () => {
  it('accepts images true|false and chart weekly; refuses other values and a chart without digests', () => {
    expect(subscriptionSchema.parse({ ...base, images: false, chart: 'weekly' })).toMatchObject({ images: false, chart: 'weekly' });
    expect(subscriptionSchema.parse(base).images).toBeUndefined();
    const yes = subscriptionSchema.safeParse({ ...base, images: 'yes' });
    expect(yes.error?.issues[0]?.path).toEqual(['images']);
    const monthly = subscriptionSchema.safeParse({ ...base, chart: 'monthly' });
    expect(monthly.error?.issues[0]?.path).toEqual(['chart']);
    const instant = subscriptionSchema.safeParse({ ...base, mode: 'instant', chart: 'weekly' });
    expect(instant.error?.issues[0]).toMatchObject({ path: ['chart'], message: expect.stringContaining('needs a digest mode') });
  });

  it('seeding from the config stores them (and a later seed without them clears them)', async () => {
    const opened = await storeCases[0]!.open();
    try {
      const subs = new SubscriptionStore(opened.store);
      await subs.seedFromConfig([{ ...base, images: false, chart: 'weekly' }]);
      expect((await subs.all())[0]).toMatchObject({ images: false, chart: 'weekly' });
      await subs.seedFromConfig([{ ...base }]);
      const s = (await subs.all())[0]!;
      expect(s.images).toBeUndefined();
      expect(s.chart).toBeUndefined();
    } finally {
      await opened.cleanup();
    }
  });
});
