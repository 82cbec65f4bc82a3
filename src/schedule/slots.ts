// Cron slot arithmetic: the latest slot at or before a time (for digest catch-up after downtime)
// and feed intervals as cron expressions. node-cron 4.6.0 computes the next match but exposes no
// "previous match", so its matcher is walked forward from a look-back point.
import cron from 'node-cron';

interface Matcher {
  getNextMatch(d: Date): Date;
}

const matchers = new Map<string, Matcher>();

function matcherFor(expr: string, timezone: string): Matcher {
  const id = `${expr}\u0000${timezone}`;
  let m = matchers.get(id);
  if (!m) {
    const task = cron.createTask(expr, () => {}, { timezone });
    // createTask registers the task globally; keep only its matcher (node-cron 4.6.0 internals,
    // pinned in package.json; the test of this module fails loudly if they change).
    const inner = (task as unknown as { timeMatcher?: Matcher }).timeMatcher;
    void task.destroy();
    if (!inner || typeof inner.getNextMatch !== 'function') throw new Error('node-cron has no timeMatcher.getNextMatch: slot arithmetic needs node-cron 4.6.x');
    matchers.set(id, (m = inner));
  }
  return m;
}

/** The first slot strictly after `afterMs`. */
export function nextSlot(expr: string, timezone: string, afterMs: number): number {
  return matcherFor(expr, timezone).getNextMatch(new Date(afterMs)).getTime();
}

const LOOK_BACKS = [2_000, 120_000, 7_200_000, 2 * 86_400_000, 35 * 86_400_000, 400 * 86_400_000];

/** The latest slot at or before `atMs`, or undefined when there is none within ~400 days. */
export function lastSlotAtOrBefore(expr: string, timezone: string, atMs: number): number | undefined {
  const m = matcherFor(expr, timezone);
  for (const back of LOOK_BACKS) {
    let t = m.getNextMatch(new Date(atMs - back)).getTime();
    if (t > atMs) continue;
    for (let i = 0; i < 200_000; i++) {
      const n = m.getNextMatch(new Date(t)).getTime();
      if (n > atMs || n <= t) return t;
      t = n;
    }
    return t;
  }
  return undefined;
}

const SECOND_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12];

/**
 * A cron expression polling about every `ms`: the interval is rounded down to a step that divides
 * the minute, hour or day (90s → every minute, 7m → every 6 minutes), so that every instance
 * derives the same slots from the wall clock.
 */
export function intervalToCron(ms: number): string {
  const s = Math.max(1, Math.floor(ms / 1000));
  if (s < 60) return `*/${pick(SECOND_STEPS, s)} * * * * *`;
  const m = Math.floor(s / 60);
  if (m < 60) return `0 */${pick(MINUTE_STEPS, m)} * * * *`;
  const h = Math.floor(m / 60);
  if (h < 24) return `0 0 */${pick(HOUR_STEPS, h)} * * *`;
  return '0 0 0 * * *';
}

function pick(steps: number[], n: number): number {
  let best = steps[0]!;
  for (const x of steps) if (x <= n) best = x;
  return best;
}
