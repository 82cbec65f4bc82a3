// Trend charts: stories per day per topic (series.ts), their words (text.ts) and the picture
// (render.ts). The renderer pulls in Chart.js and the canvas: import it only where a PNG is made.
export {
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  buildTrend,
  trendWindow,
  type DaySource,
  type TopicTrend,
  type TopStory,
  type TrendDeps,
  type TrendRequest,
  type TrendSeries,
} from './series.ts';
export { summaryLines } from './text.ts';
export { closestTopics } from '../../text/closest.ts';
