// The subscription's followUps field: thread | off, anything else refused with its path.
import { describe, expect, it } from 'vitest';
import { subscriptionSchema } from '../../src/config/schema.ts';

describe('subscriptions: followUps', () => {
  it('accepts thread and off, and leaves it unset by default (thread)', () => {
    const base = { topic: 'iraq', platform: 'telegram', chat: '42', mode: 'instant' };
    expect(subscriptionSchema.parse({ ...base, followUps: 'off' }).followUps).toBe('off');
    expect(subscriptionSchema.parse({ ...base, followUps: 'thread' }).followUps).toBe('thread');
    expect(subscriptionSchema.parse(base).followUps).toBeUndefined();
    const bad = subscriptionSchema.safeParse({ ...base, followUps: 'sometimes' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['followUps']);
  });
});
