// The trend picture, checked structurally rather than pixel for pixel: size, ink where the bars
// and labels go, an empty chart that says so, and Arabic that is shaped (joined letters).
import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { renderTrendPng } from '../../src/digest/trend/render.ts';
import { FONT_FAMILY, ensureFonts } from '../../src/digest/trend/fonts.ts';
import { trendWindow, type TopicTrend, type TrendSeries } from '../../src/digest/trend/index.ts';
import { NOW } from './helpers/trend-data.ts';

function series(perDay: (i: number) => number, top: TrendSeries['top'] = [], topics = ['militia-threats']): TrendSeries {
  const win = trendWindow(30, NOW);
  const mk = (id: string): TopicTrend => {
    const ar = win.days.map((_, i) => perDay(i));
    const zero = win.days.map(() => 0);
    return { id, name: id, perDay: ar, byLang: { ar, en: zero, both: zero, other: zero }, total: ar.reduce((a, b) => a + b, 0), previous: 2 };
  };
  return { days: win.days, sinceMs: win.sinceMs, untilMs: NOW, topics: topics.map(mk), top: top.map((t) => ({ ...t })) };
}

async function pixels(
  png: Buffer,
): Promise<{ width: number; height: number; count(rgb: [number, number, number]): number; ink(x0: number, y0: number, x1: number, y1: number): number }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return {
    width: img.width,
    height: img.height,
    /** Pixels of exactly this colour. */
    count(rgb: [number, number, number]) {
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) n++;
      return n;
    },
    /** Pixels in the box that are not the white background. */
    ink(x0, y0, x1, y1) {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const i = (y * img.width + x) * 4;
          if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) n++;
        }
      return n;
    },
  };
}

const TOP = [
  {
    storyId: 's1',
    topic: 'militia-threats',
    day: '2025-05-30',
    articles: 4,
    sources: 4,
    headline: 'كتائب حزب الله تهدد باستئناف الهجمات',
    headlineLang: 'ar' as const,
  },
];

describe('trend chart PNG', () => {
  it('is at least 1200×600, with bars in Okabe–Ito blue and ink in the plot', async () => {
    const png = await renderTrendPng(
      series((i) => i % 5),
      { lang: 'en' },
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const p = await pixels(png);
    expect(p.width).toBeGreaterThanOrEqual(1200);
    expect(p.height).toBeGreaterThanOrEqual(600);
    expect(p.ink(0, 0, p.width, p.height)).toBeGreaterThan(20_000);
    // Arabic bars are Okabe–Ito blue #0072B2.
    expect(p.count([0x00, 0x72, 0xb2])).toBeGreaterThan(5_000);
  }, 30_000);

  it('draws the labelled stories (ink in the label rows that an unlabelled chart lacks)', async () => {
    const bars = (i: number) => (i === 27 ? 3 : 1);
    const plain = await pixels(await renderTrendPng(series(bars), { lang: 'ar' }));
    const labelled = await pixels(await renderTrendPng(series(bars, TOP), { lang: 'ar' }));
    // The label row sits under the title and summary, above the bars.
    const rows = [110, 200] as const;
    expect(labelled.ink(0, rows[0], 1200, rows[1])).toBeGreaterThan(plain.ink(0, rows[0], 1200, rows[1]) + 1_000);
  }, 30_000);

  it('an empty chart says so instead of being blank', async () => {
    const empty = await pixels(
      await renderTrendPng(
        series(() => 0),
        { lang: 'en' },
      ),
    );
    const centre = empty.ink(300, 250, 900, 400);
    expect(centre).toBeGreaterThan(1_000);
    // No topics at all still gives a white picture of the minimum size (the caller says why).
    const none = await pixels(await renderTrendPng({ ...series(() => 0), topics: [] }, { lang: 'en' }));
    expect(none.width).toBe(1200);
    expect(none.height).toBeGreaterThanOrEqual(600);
  }, 30_000);

  it('stacks one panel per topic', async () => {
    const p = await pixels(
      await renderTrendPng(
        series((i) => i % 3, [], ['iraq', 'militia-threats', 'us-strikes']),
        { lang: 'en' },
      ),
    );
    expect(p.height).toBeGreaterThan(1_200);
    for (let k = 0; k < 3; k++) expect(p.ink(0, k * 460, 1200, (k + 1) * 460)).toBeGreaterThan(5_000);
  }, 30_000);

  it('shapes Arabic: joined letters measure differently from the same letters kept apart', () => {
    ensureFonts();
    const ctx = createCanvas(800, 100).getContext('2d');
    ctx.font = `20px ${FONT_FAMILY}`;
    ctx.direction = 'rtl';
    const word = 'تهدد الفصائل';
    // U+200C (zero-width non-joiner) stops letters joining: what an unshaped renderer would draw.
    const apart = [...word].join('\u200C');
    const joined = ctx.measureText(word).width;
    expect(joined).toBeGreaterThan(20);
    expect(Math.abs(joined - ctx.measureText(apart).width)).toBeGreaterThan(3);
    // And the glyphs come from the shipped Arabic font, not a missing-glyph box: a box per letter
    // would make every letter the same width.
    const widths = ['ت', 'ه', 'ل', 'م'].map((ch) => ctx.measureText(ch).width);
    expect(new Set(widths.map((w) => w.toFixed(1))).size).toBeGreaterThan(1);
  });
});
