// /subscribe TOPIC … exclude WORDS: the chat's own exclude terms, kept on re-subscribe, cleared
// with `exclude off`, shown by /subscriptions; bad input answers the usage line and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/registry.ts';
import type { CommandContext } from '../../commands/types.ts';
import { openWorld, type World } from './command-world.ts';

let w: World;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(async () => {
  await w.close();
});

const run = (ctx: CommandContext, line: string) => {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  return dispatch(ctx, m[1]!, m[2]!.trim());
};
const excludeOf = async () => (await w.subscriptions.all()).map((s) => s.exclude);

describe('/subscribe … exclude', () => {
  it('stores the words (phrases quoted), keeps them on re-subscribe, clears them with exclude off', async () => {
    const r = await run(w.ctx(), '/subscribe iraq instant exclude football “transfer news” football');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('Leaving out articles with: "football", "transfer news".');
    expect(await excludeOf()).toEqual([['football', 'transfer news']]);
    const list = await run(w.ctx(), '/subscriptions');
    expect(list.text).toContain('• iraq: as soon as articles match — leaving out: "football", "transfer news"');
    await run(w.ctx(), '/subscribe iraq hourly');
    expect(await excludeOf()).toEqual([['football', 'transfer news']]);
    const off = await run(w.ctx(), '/subscribe iraq hourly exclude off');
    expect(off.text).toContain('No words are left out any more.');
    expect(await excludeOf()).toEqual([undefined]);
    await run(w.ctx(), '/subscribe iraq exclude "off"');
    expect(await excludeOf()).toEqual([['off']]);
  });

  it('takes the Arabic keyword and Arabic words as typed', async () => {
    const r = await run(w.ctx({ lang: 'ar' }), '/subscribe iraq فوري استثناء العراقي «كرة القدم»');
    expect(r.status).toBe('ok');
    expect(r.text).toContain('تُستثنى المقالات التي فيها: «العراقي»، «كرة القدم»');
    expect(await excludeOf()).toEqual([['العراقي', 'كرة القدم']]);
    expect((await run(w.ctx({ lang: 'ar' }), '/subscriptions')).text).toContain('تُستثنى: «العراقي»، «كرة القدم»');
  });

  it('bad exclude input answers the usage line and changes nothing', async () => {
    for (const line of ['/subscribe iraq exclude', '/subscribe iraq exclude "transfer news', '/subscribe iraq exclude fo"o', '/subscribe nosuch exclude x']) {
      const r = await run(w.ctx(), line);
      expect(r.status, line).toBe('usage');
      expect(r.text, line).toContain(
        'Usage: /subscribe TOPIC [instant | hourly | daily HH:MM | cron "…"] [TIMEZONE] [images on|off] [chart weekly|off] [exclude WORDS]',
      );
    }
    const ar = await run(w.ctx({ lang: 'ar' }), '/subscribe iraq استثناء');
    expect(ar.text).toContain('استثناء: اذكر الكلمات');
    expect(await w.subscriptions.all()).toEqual([]);
  });
});
