// Phenomena learned from a held-out check of real articles (not the dev set), in our own words:
// each case pins a general rule of the default pack so it cannot silently regress.
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultTopics } from '../../src/topics/default-pack.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) =>
  matcher
    .match({ title, text })
    .map((m) => m.id)
    .sort();

describe('default pack: held-out phenomena', () => {
  it('"Department of Defense" next to "forces" is not a departure of forces', () => {
    const got = topicsOf(
      'Washington hits militia depots in Iraq',
      'The US military struck depots near Baghdad used against coalition forces. The US Department of Defense called the strikes proportional.',
    );
    expect(got).not.toContain('withdrawal');
  });

  it('"troops ... leaving one critically hurt" is a casualty report, not troops leaving', () => {
    const got = topicsOf(
      'Drone hits base in Iraq',
      'A drone struck a US base in Erbil and wounded American troops, leaving one in critical condition, the Pentagon said. The coalition said the base stays open.',
    );
    expect(got).not.toContain('withdrawal');
  });

  it('troops that actually depart Iraq still count as a withdrawal', () => {
    const got = topicsOf(
      'Convoy leaves western Iraq base',
      'US troops departed the Ain al-Asad base on Sunday as the coalition moved personnel to Erbil under the timetable agreed with Baghdad.',
    );
    expect(got).toContain('withdrawal');
  });

  it('the "Islamic Resistance of Iraq" spelling and "claiming responsibility" count as a militia claim', () => {
    const got = topicsOf(
      'Armed group targets western airbase',
      'The Islamic Resistance of Iraq put out a statement claiming responsibility for a drone attack on the American garrison at Al-Asad airbase in western Iraq.',
    );
    expect(got).toEqual(expect.arrayContaining(['militia-threats', 'iraq']));
  });

  it('AR: "ميليشيات عراقية" without the article is an Iraqi faction, and Katyusha rockets are an attack', () => {
    const got = topicsOf(
      'صواريخ كاتيوشا على محيط السفارة الأمريكية في بغداد',
      'قالت مصادر أمنية إن ميليشيات عراقية أطلقت صواريخ كاتيوشا باتجاه السفارة الأمريكية في المنطقة الخضراء. وتوعدت ميليشيات عراقية أخرى بهجمات جديدة على المصالح الأمريكية.',
    );
    expect(got).toContain('militia-threats');
  });

  it('AR: generic "armed groups" near a US strike do not make a militia threat', () => {
    const got = topicsOf(
      'غارة إسرائيلية قرب دمشق',
      'استهدفت غارة إسرائيلية موقعا قرب دمشق. وكان الجيش الأمريكي قد شن ضربات على جماعات مسلحة رداً على هجوم في الأردن.',
    );
    expect(got).not.toContain('militia-threats');
  });
});

describe('default pack: operations against ISIS', () => {
  it('a US raid on "ISIS militants" in Syria is not a strike on Iran-linked targets', () => {
    const got = topicsOf(
      'US special forces raid in northern Syria',
      'American commandos conducted a raid against ISIS militants in northern Syria, US Central Command said. Two armed men were killed in the raid.',
    );
    expect(got).not.toContain('us-strikes');
  });
});
