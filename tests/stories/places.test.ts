// Town-level places: two same-day strikes in two towns are two events even when the reports read
// alike, while a report naming only the province agrees with one naming a town inside it. Also
// checks that Arabic town names which are ordinary words elsewhere are matched only with their
// qualifier. All texts are our own short wording.
import { describe, expect, it } from 'vitest';
import type { StoryIndex } from '../../src/stories/story-index.ts';
import { extractSignature } from '../../src/stories/signature.ts';
import { gazetteer, placesCompatible } from '../../src/stories/gazetteer.ts';
import { freshStoryIndexEachTest, reportMaker } from './helpers/story-reports.ts';

const report = reportMaker('p');

let idx: StoryIndex;
freshStoryIndexEachTest((i) => (idx = i));

const lead = (title: string, text = '') => extractSignature({ title, text, publishedMs: 0 }).lead;

describe('town-level places', () => {
  it('knows district towns by their common spellings in both scripts', () => {
    expect(lead('Blast reported in Miqdadiyah')).toEqual(['muqdadiya']);
    expect(lead('انفجار في المقدادية')).toEqual(['muqdadiya']);
    expect(lead('Rocket lands near Tuz Khormato')).toEqual(['tuz-khurmatu']);
    expect(lead('Drone downed over Qaraqosh')).toEqual(['hamdaniya']);
    expect(lead('قصف قرب عكاشات')).toEqual(['akashat']);
    expect(lead('Drones target Qayyarah air base')).toEqual(['qayyarah-airbase']);
    // A province is never a specific place, even when a city shares its name.
    expect(lead('Curfew declared across Erbil province')).toEqual([]);
    expect(lead('Curfew declared across Diyala')).toEqual([]);
    const g = gazetteer();
    expect(placesCompatible(g, 'muqdadiya', 'diyala')).toBe(true);
    expect(placesCompatible(g, 'muqdadiya', 'baqubah')).toBe(false);
    expect(placesCompatible(g, 'jadriya', 'baghdad')).toBe(true);
  });

  it('names a town whose Arabic name is an ordinary word only with its qualifier', () => {
    expect(lead('الجيش يتسلم أسلحة حديثة')).toEqual([]);
    expect(lead('هجوم في قضاء حديثة')).toEqual(['haditha']);
    expect(lead('انهيار العمارة القديمة')).toEqual([]);
    expect(lead('حريق في مدينة العمارة')).toEqual(['amarah']);
    expect(lead('اعتداء على الشكر الخالص')).toEqual([]);
  });

  it('two same-day strikes in two towns of one province are two stories', async () => {
    const first = await idx.assign(
      report({
        title: 'Drone strike hits vehicle near Muqdadiya',
        text: 'A drone strike hit a vehicle near Muqdadiya in Diyala province on Wednesday, killing two people, security sources said.',
        published: '2024-05-08T09:00:00Z',
      }),
    );
    const second = await idx.assign(
      report({
        title: 'Drone strike hits vehicle near Khanaqin',
        text: 'A drone strike hit a vehicle near Khanaqin in Diyala province on Wednesday, killing two people, security sources said.',
        published: '2024-05-08T11:00:00Z',
      }),
    );
    expect(second.isNew).toBe(true);
    expect(second.storyId).not.toBe(first.storyId);
  });

  it('the same holds in Arabic, across provinces: a Diyala town and an Anbar border town', async () => {
    const first = await idx.assign(
      report({
        lang: 'ar',
        title: 'غارة بطائرة مسيرة تستهدف عجلة في المقدادية',
        text: 'استهدفت غارة بطائرة مسيرة عجلة في المقدادية بمحافظة ديالى الأربعاء، ما أسفر عن مقتل شخصين بحسب مصادر أمنية.',
        published: '2024-05-08T09:00:00Z',
      }),
    );
    const second = await idx.assign(
      report({
        lang: 'ar',
        title: 'غارة بطائرة مسيرة تستهدف عجلة في عكاشات',
        text: 'استهدفت غارة بطائرة مسيرة عجلة في عكاشات بمحافظة الأنبار الأربعاء، ما أسفر عن مقتل شخصين بحسب مصادر أمنية.',
        published: '2024-05-08T10:00:00Z',
      }),
    );
    expect(second.storyId).not.toBe(first.storyId);
  });

  it('a report naming only the province joins the one naming the town', async () => {
    const town = await idx.assign(
      report({
        title: 'Drone strike kills two near Muqdadiya',
        text: 'A drone strike killed two members of an armed faction near Muqdadiya on Wednesday, security sources said.',
        published: '2024-05-08T09:00:00Z',
      }),
    );
    const province = await idx.assign(
      report({
        title: 'Drone strike kills two in Diyala',
        text: 'A drone strike killed two members of an armed faction in Diyala on Wednesday, security sources said.',
        published: '2024-05-08T12:00:00Z',
      }),
    );
    expect(province).toMatchObject({ storyId: town.storyId, isNew: false });
  });

  it('same-day strikes told by province only, in two different provinces, are two stories', async () => {
    const first = await idx.assign(
      report({
        lang: 'ar',
        title: 'مقتل ثلاثة مقاتلين بغارة جوية في ديالى',
        text: 'قتل ثلاثة مقاتلين من فصيل مسلح الأحد بغارة جوية استهدفت مقرا لهم في محافظة ديالى، بحسب مصادر أمنية.',
        published: '2024-05-12T09:00:00Z',
      }),
    );
    const second = await idx.assign(
      report({
        lang: 'ar',
        title: 'مقتل ثلاثة مقاتلين بغارة جوية في الأنبار',
        text: 'قتل ثلاثة مقاتلين من فصيل مسلح الأحد بغارة جوية استهدفت مقرا لهم في محافظة الأنبار، بحسب مصادر أمنية.',
        published: '2024-05-12T11:00:00Z',
      }),
    );
    expect(second.storyId).not.toBe(first.storyId);
    // A round-up naming both provinces is not told apart from either by this rule.
    const both = extractSignature({
      title: 'Strikes in Diyala and Anbar',
      text: 'Air strikes hit faction posts in Diyala and Anbar on Sunday.',
      publishedMs: 0,
    });
    expect(both.leadAreas).toEqual(['diyala', 'anbar']);
  });
});
