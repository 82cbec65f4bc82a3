// /subscribe's settings through the real dispatcher and SQLite store: "images on|off" and
// "chart weekly|off" after the schedule and time zone, kept on a re-subscribe when left out,
// shown by /subscriptions, and refused clearly (changing nothing) when wrong.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import { openWorld, type World } from './command-world.ts';

let w: World;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(async () => {
  await w.close();
});

const say = (line: string, lang: 'en' | 'ar' = 'en') => {
  const [, name, args] = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(w.ctx({ lang }), name!, args!.trim());
};
const only = async () => (await w.subscriptions.all())[0]!;

describe('/subscribe settings', () => {
  it('images off and chart weekly are stored, kept when left out, and changed back', async () => {
    const r = await say('/subscribe iraq daily 07:00 UTC images off chart weekly');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('no pictures');
    expect(r.text).toContain('weekly chart');
    expect(await only()).toMatchObject({ images: false, chart: 'weekly', timezone: 'UTC' });
    await say('/subscribe iraq hourly');
    expect(await only()).toMatchObject({ images: false, chart: 'weekly' });
    expect((await say('/subscriptions')).text).toContain('• iraq: every hour (Asia/Baghdad) — no pictures — weekly chart');
    await say('/subscribe iraq instant images on chart off');
    const s = await only();
    expect(s.images).toBeUndefined();
    expect(s.chart).toBeUndefined();
  });

  it('reads the settings typed in Arabic', async () => {
    const r = await say('/subscribe iraq يومي الصور إيقاف الرسم أسبوعي', 'ar');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('بلا صور');
    expect(await only()).toMatchObject({ topic: 'iraq', images: false, chart: 'weekly' });
  });

  it('a setting may follow the topic directly; the schedule then stays the default', async () => {
    expect((await say('/subscribe iraq images off')).status).toBe('ok');
    expect(await only()).toMatchObject({ images: false, mode: { label: 'daily 08:00' } });
  });

  it('wrong settings answer the usage line, in both languages, and change nothing', async () => {
    const cases: [string, RegExp][] = [
      ['/subscribe iraq instant images maybe', /images takes on, off, not "maybe"/],
      ['/subscribe iraq daily 08:00 chart', /chart takes weekly, off/],
      ['/subscribe iraq images off images on', /Give images once/],
      ['/subscribe iraq instant chart weekly', /comes with digests/],
      ['/subscribe iraq hourly UTC pictures off', /Unexpected "pictures"/],
    ];
    for (const [line, why] of cases) {
      const r = await say(line);
      expect(r.status, line).toBe('usage');
      expect(r.text, line).toMatch(why);
      expect(r.text, line).toContain('Usage: /subscribe TOPIC [instant | hourly | daily HH:MM | cron "…"] [TIMEZONE] [images on|off] [chart weekly|off]');
    }
    const ar = await say('/subscribe iraq instant images maybe', 'ar');
    expect(ar.text).toContain('يأخذ images إحدى القيم on, off');
    expect(await w.subscriptions.all()).toEqual([]);
  });
});
