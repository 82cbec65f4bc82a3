// The console platform: slash commands typed on stdin, answers printed on stdout, in order.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startConsole } from '../../src/platforms/console/console-platform.ts';
import { NOW, openWorld, type World } from '../commands/command-world.ts';

let w: World;
beforeEach(async () => {
  w = await openWorld();
  await w.seed({ id: 'a1', title: 'Rockets hit Baghdad airport', hoursAgo: 2 });
});
afterEach(async () => {
  await w.close();
});

it('answers each typed line in order; the operator may run admin commands', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c) => (out += String(c)));
  const con = startConsole({ input, output, services: w.services, now: () => NOW });
  input.write('/digest iraq\n\nhello\n/watch add oil oil OR نفط\n/watch confirm\n/topic nosuch\n/sent@x\n');
  await new Promise((r) => setTimeout(r, 50));
  await con.idle();
  con.stop();
  const digestAt = out.indexOf('Rockets hit Baghdad airport');
  const hintAt = out.indexOf('Commands start with "/"');
  const watchAt = out.indexOf('oil');
  expect(digestAt).toBeGreaterThanOrEqual(0);
  expect(hintAt).toBeGreaterThan(digestAt);
  expect(watchAt).toBeGreaterThan(hintAt);
  expect(w.catalog.get('oil')?.query).toBe('oil OR نفط');
  expect(out).toContain('Unknown topic "nosuch"');
  expect(out).toContain('Unknown command /sent');
});
