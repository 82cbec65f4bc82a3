// The gazetteer is data: every entry names its place/actor in both scripts, no alias of one entry
// is also an alias of another (after the matcher's folding), and every `in:` points at a place.
import { describe, expect, it } from 'vitest';
import { gazetteer, loadGazetteerData, placesCompatible } from '../../src/stories/gazetteer.ts';
import { hasArabic } from '../../src/text/arabic.ts';

const data = loadGazetteerData();

describe('gazetteer data', () => {
  for (const [name, entries] of [
    ['places', data.places],
    ['actors', data.actors],
    ['kinds', data.kinds],
  ] as const) {
    it(`${name}: every entry has an English and an Arabic name, in the right script`, () => {
      const bad = entries.filter((e) => e.en.length === 0 || e.ar.length === 0 || e.en.some(hasArabic) || e.ar.some((w) => !hasArabic(w)));
      expect(bad.map((e) => e.id)).toEqual([]);
      expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    });
  }

  it('no alias belongs to two entries (compared as the matcher sees them)', () => {
    const g = gazetteer();
    const owner = new Map<string, string>();
    const collisions: string[] = [];
    for (const finder of [g.places, g.actors]) {
      for (const a of finder.aliases) {
        const key = a.keys.join(' ');
        const prev = owner.get(key);
        if (prev !== undefined && prev !== a.id) collisions.push(`"${a.alias}": ${prev} / ${a.id}`);
        owner.set(key, a.id);
      }
    }
    expect(collisions).toEqual([]);
  });

  it('every place lies in a known place, and containment makes places compatible', () => {
    const g = gazetteer();
    expect(data.places.filter((p) => p.in !== undefined && !g.placeById.has(p.in)).map((p) => p.id)).toEqual([]);
    expect(placesCompatible(g, 'erbil-airbase', 'erbil')).toBe(true);
    expect(placesCompatible(g, 'victoria-base', 'baghdad')).toBe(true);
    expect(placesCompatible(g, 'harir', 'erbil-airbase')).toBe(false);
    expect(placesCompatible(g, 'jurf-al-sakhr', 'baghdad-airport')).toBe(false);
  });

  it('guard words (not_before, not_after, cues) are Arabic words, on entries that have an Arabic alias to guard', () => {
    const guarded = data.places.filter((p) => p.not_before || p.not_after || p.cues);
    expect(guarded.map((p) => p.id)).toEqual(expect.arrayContaining(['qaim', 'ramadi']));
    const bad = guarded.filter((p) => [...(p.not_before ?? []), ...(p.not_after ?? []), ...(p.cues ?? [])].some((w) => !hasArabic(w) || /\s/.test(w)));
    expect(bad.map((p) => p.id)).toEqual([]);
  });

  it('every kind named in excludes exists', () => {
    const ids = new Set(data.kinds.map((k) => k.id));
    expect(data.kinds.flatMap((k) => k.excludes ?? []).filter((x) => !ids.has(x))).toEqual([]);
  });
});
