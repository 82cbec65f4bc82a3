// Draws a TrendSeries as a PNG with Chart.js on an @napi-rs/canvas canvas: one panel per topic
// (stacked bars of stories per day, coloured by the language they were reported in), stacked
// vertically into one picture. Sized for a phone: 1200 px wide, type of 20 px and more, the
// Okabe–Ito palette (told apart by colour-blind readers). Arabic text is shaped by the canvas;
// for Arabic readers the base direction is right-to-left so mixed Arabic/Latin lines read right.
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, SubTitle, Title, type ChartConfiguration, type Plugin } from 'chart.js';
import type { UiLang } from '../types.ts';
import { FONT_FAMILY, ensureFonts } from './fonts.ts';
import { LANG_BUCKETS, type LangBucket, type TopicTrend, type TopStory, type TrendSeries } from './series.ts';
import { dayLabel, emptyNote, legendName, panelTitle, summaryLine } from './text.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, SubTitle);

export const CHART_WIDTH = 1200;
/** One topic fills the minimum 1200×600 and a bit; more topics stack panels of this height. */
const SINGLE_HEIGHT = 675;
const PANEL_HEIGHT = 460;
/** More panels than this would make each unreadably small on a phone. */
export const MAX_PANELS = 6;

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
const COLOURS: Record<LangBucket, string> = { ar: '#0072B2', en: '#E69F00', both: '#009E73', other: '#CC79A7' };
const INK = '#1a1a1a';
const LABEL_ROW = 30;

export interface RenderOptions {
  lang: UiLang;
}

/** The chart as PNG bytes. */
export async function renderTrendPng(series: TrendSeries, opts: RenderOptions): Promise<Buffer> {
  ensureFonts();
  const topics = series.topics.slice(0, MAX_PANELS);
  const height = topics.length <= 1 ? SINGLE_HEIGHT : PANEL_HEIGHT;
  const out = createCanvas(CHART_WIDTH, Math.max(SINGLE_HEIGHT, topics.length * height));
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  topics.forEach((t, i) => drawPanel(series, t, height, opts.lang, (panel) => ctx.drawImage(panel, 0, i * height)));
  return out.encode('png');
}

/** Draws one topic's chart and hands it over before Chart.js's destroy() clears it. */
function drawPanel(series: TrendSeries, topic: TopicTrend, height: number, lang: UiLang, use: (panel: Canvas) => void): void {
  const canvas = createCanvas(CHART_WIDTH, height);
  const labels = series.top.filter((s) => s.topic === topic.id);
  const chart = new Chart(canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0], panelConfig(series, topic, labels, lang));
  try {
    use(canvas);
  } finally {
    chart.destroy();
  }
}

const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family: FONT_FAMILY, size, weight });

function panelConfig(series: TrendSeries, topic: TopicTrend, top: readonly TopStory[], lang: UiLang): ChartConfiguration<'bar'> {
  const rtl = lang === 'ar';
  return {
    type: 'bar',
    data: {
      labels: series.days.map((d) => dayLabel(d, lang)),
      datasets: LANG_BUCKETS.filter((b) => b !== 'other' || topic.byLang.other.some((n) => n > 0)).map((b) => ({
        label: legendName(b, lang),
        data: topic.byLang[b],
        backgroundColor: COLOURS[b],
        borderWidth: 0,
      })),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { left: 16, right: 24, top: 8, bottom: 8 } },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { font: font(20), color: INK, maxRotation: 0, autoSkip: true, autoSkipPadding: 24 } },
        // Headroom above the bars for the labelled stories' rows.
        y: {
          stacked: true,
          beginAtZero: true,
          suggestedMax: 4,
          grace: top.length > 0 ? `${12 * top.length + 6}%` : '5%',
          ticks: { font: font(20), color: INK, precision: 0 },
        },
      },
      plugins: {
        title: { display: true, text: panelTitle(topic, lang), font: font(28, 'bold'), color: INK, padding: { top: 8, bottom: 4 } },
        subtitle: { display: true, text: summaryLine(topic, series.days.length, lang), font: font(22), color: INK, padding: { bottom: 8 } },
        legend: { position: 'bottom', rtl, labels: { font: font(20), color: INK, boxWidth: 28, padding: 20 } },
        tooltip: { enabled: false },
      },
    },
    plugins: [background(rtl), storyLabels(top, series.days), emptyMessage(topic, series.days.length, lang)],
  };
}

/** White background (a transparent PNG is black in some viewers) and the base text direction. */
function background(rtl: boolean): Plugin<'bar'> {
  return {
    id: 'raqibBackground',
    beforeDraw(chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
      ctx.direction = rtl ? 'rtl' : 'ltr';
    },
  };
}

/** Each labelled story: a row of text at the top of the plot and a leader line down to its day. */
function storyLabels(top: readonly TopStory[], days: readonly string[]): Plugin<'bar'> {
  return {
    id: 'raqibStoryLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const area = chart.chartArea;
      const x = chart.scales.x!;
      const y = chart.scales.y!;
      top.forEach((s, k) => {
        const i = days.indexOf(s.day);
        if (i < 0) return;
        const total = chart.data.datasets.reduce((n, d) => n + Number(d.data[i] ?? 0), 0);
        const px = x.getPixelForValue(i);
        const rowY = area.top + 6 + k * LABEL_ROW + LABEL_ROW / 2;
        ctx.save();
        ctx.font = `bold 20px ${FONT_FAMILY}`;
        ctx.direction = s.headlineLang === 'ar' ? 'rtl' : 'ltr';
        const text = `${k + 1}. ${s.headline}`;
        const w = ctx.measureText(text).width;
        const cx = Math.min(Math.max(px, area.left + w / 2 + 4), area.right - w / 2 - 4);
        ctx.strokeStyle = '#555555';
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(px, rowY + 12);
        ctx.lineTo(px, y.getPixelForValue(total) - 2);
        ctx.stroke();
        ctx.fillStyle = INK;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(text, cx, rowY);
        ctx.restore();
      });
    },
  };
}

/** An empty panel says so in the middle of the plot, rather than showing bare axes. */
function emptyMessage(topic: TopicTrend, days: number, lang: UiLang): Plugin<'bar'> {
  return {
    id: 'raqibEmpty',
    afterDraw(chart) {
      if (topic.perDay.some((n) => n > 0)) return;
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const area = chart.chartArea;
      ctx.save();
      ctx.font = `bold 30px ${FONT_FAMILY}`;
      ctx.fillStyle = '#555555';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.direction = lang === 'ar' ? 'rtl' : 'ltr';
      ctx.fillText(emptyNote(topic, days, lang), (area.left + area.right) / 2, (area.top + area.bottom) / 2);
      ctx.restore();
    },
  };
}
