// What a joining report adds, in words: counts, and places and actors with their English and
// Arabic names from the gazetteer; topic kinds are left out.
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/digest/story-changes.ts';

describe('changedFields', () => {
  it('turns a signature change into fields a follow-up shows', () => {
    expect(changedFields(undefined)).toEqual([]);
    const f = changedFields({ counts: { wounded: 4 }, places: ['ain-al-asad'], actors: ['islamic-resistance-iraq'], kinds: ['t:strikes'] });
    expect(f[0]).toEqual({ field: 'wounded', value: '4' });
    expect(f[1]).toMatchObject({ field: 'place', value: expect.stringMatching(/Ain al-Asad/) });
    expect(f[1]!.ar).toMatch(/عين الأسد/);
    expect(f[2]).toMatchObject({ field: 'actor', value: 'Islamic Resistance in Iraq' });
    expect(f).toHaveLength(3);
  });

  it('shows an unknown id as it is rather than dropping it', () => {
    expect(changedFields({ places: ['nowhere-known'] })).toEqual([{ field: 'place', value: 'nowhere-known' }]);
  });
});
