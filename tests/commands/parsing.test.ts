// The small parsers every command relies on: command lines, the argument specs, text splits.
import { describe, expect, it } from 'vitest';
import { commands, parseCommandLine, pickLang } from '../../commands/registry.ts';
import { argSpec } from '../../commands/arg-spec.ts';
import { parseArgs, straightenQuotes } from '../../commands/args.ts';
import type { CommandServices } from '../../commands/types.ts';
import { splitText } from '../../commands/reply-text.ts';

describe('parseCommandLine', () => {
  it('reads the name, the bot it was addressed to and the argument text', () => {
    expect(parseCommandLine('/digest iraq 24h')).toEqual({ name: 'digest', args: 'iraq 24h' });
    expect(parseCommandLine('/Digest@raqib_bot   iraq')).toEqual({ name: 'digest', bot: 'raqib_bot', args: 'iraq' });
    expect(parseCommandLine('/help')).toEqual({ name: 'help', args: '' });
    expect(parseCommandLine('/watch add x\n  (a OR b)')).toEqual({ name: 'watch', args: 'add x\n  (a OR b)' });
    for (const bad of ['digest', '/', '/ digest', '/di@', '/a/b', `/${'x'.repeat(33)}`]) expect(parseCommandLine(bad), bad).toBeUndefined();
  });
});

const TOPICS = [
  { id: 'iraq', query: 'iraq' },
  { id: 'us-strikes', query: 'strike' },
];
const ctx = (lang: 'en' | 'ar' = 'en') => ({ lang, services: { topics: async () => TOPICS } as unknown as CommandServices });

describe('parseArgs', () => {
  const words = argSpec([
    { name: 'A', kind: 'word', description: { en: 'first', ar: 'الأول' } },
    { name: 'B', kind: 'word', optional: true, description: { en: 'second', ar: 'الثاني' } },
  ]);

  it('groups quoted words, accepts smart quotes, refuses an open quote', async () => {
    expect(await parseArgs('x', words, 'iraq "daily 08:00"', ctx())).toEqual({ ok: true, values: { A: 'iraq', B: 'daily 08:00' } });
    expect(await parseArgs('x', words, '“0 * * * *” ‘a b’', ctx())).toEqual({ ok: true, values: { A: '0 * * * *', B: 'a b' } });
    const open = await parseArgs('x', words, '"open', ctx());
    expect(open.ok === false && open.reply.text).toContain('Unclosed " at character 1.');
    expect((await parseArgs('x', words, '"a"b', ctx())).ok).toBe(false);
    expect(straightenQuotes('«x»')).toBe('"x"');
  });

  it('names the missing or unexpected argument, with the usage line', async () => {
    const none = await parseArgs('x', words, '   ', ctx());
    expect(none.ok === false && none.reply).toMatchObject({ status: 'usage', text: 'A is missing: first.\nUsage: /x A [B]' });
    const extra = await parseArgs('x', words, 'a b c', ctx('ar'));
    expect(extra.ok === false && extra.reply.text).toBe('زائد: «c».\nالاستخدام: /x A [B]');
  });

  it('windows up to 30 days, in any order with a topic; a known topic only', async () => {
    const spec = argSpec(
      [
        { name: 'TOPIC', kind: 'topic', optional: true, description: { en: 't', ar: 't' } },
        { name: 'SINCE', kind: 'window', optional: true, description: { en: 's', ar: 's' } },
      ],
      { anyOrder: true },
    );
    expect(await parseArgs('d', spec, '48h IRAQ', ctx())).toEqual({ ok: true, values: { TOPIC: 'iraq', SINCE: 48 * 3_600_000 } });
    expect(await parseArgs('d', spec, '30d', ctx())).toEqual({ ok: true, values: { SINCE: 30 * 86_400_000 } });
    const long = await parseArgs('d', spec, '31d', ctx());
    expect(long.ok === false && long.reply.text).toContain('SINCE: "31d" is longer than 30d.');
    const twice = await parseArgs('d', spec, '24h 48h', ctx());
    expect(twice.ok === false && twice.reply.text).toContain('Give SINCE once.');
    const unknown = await parseArgs('d', spec, 'nosuch', ctx());
    expect(unknown.ok === false && unknown.reply.text).toContain('TOPIC: Unknown topic "nosuch". Topics: iraq, us-strikes.');
  });

  it('a schedule spans words; a rest-of-text query leaves a trailing window to the window', async () => {
    const sub = argSpec([
      { name: 'TOPIC', kind: 'topic', description: { en: 't', ar: 't' } },
      { name: 'MODE', kind: 'schedule', optional: true, description: { en: 'm', ar: 'm' } },
      { name: 'TZ', kind: 'timezone', optional: true, description: { en: 'z', ar: 'z' } },
    ]);
    expect(await parseArgs('s', sub, 'iraq cron "0 */6 * * *" europe/london', ctx())).toEqual({
      ok: true,
      values: { TOPIC: 'iraq', MODE: { kind: 'cron', cron: '0 */6 * * *', label: 'cron "0 */6 * * *"' }, TZ: 'Europe/London' },
    });
    expect(await parseArgs('s', sub, 'iraq UTC', ctx())).toEqual({ ok: true, values: { TOPIC: 'iraq', TZ: 'UTC' } });
    const unquoted = await parseArgs('s', sub, 'iraq cron 0 * * * *', ctx());
    expect(unquoted.ok === false && unquoted.reply.text).toContain('MODE: Put the cron expression in quotes.');
    const search = argSpec([
      { name: 'QUERY', kind: 'query', description: { en: 'q', ar: 'q' } },
      { name: 'SINCE', kind: 'window', optional: true, description: { en: 's', ar: 's' } },
    ]);
    expect(await parseArgs('q', search, 'militia AND "a b" 3d', ctx())).toEqual({ ok: true, values: { QUERY: 'militia AND "a b"', SINCE: 3 * 86_400_000 } });
    expect(await parseArgs('q', search, 'militia', ctx())).toEqual({ ok: true, values: { QUERY: 'militia' } });
    const onlyWindow = await parseArgs('q', search, '3d', ctx());
    expect(onlyWindow.ok === false && onlyWindow.reply.text).toContain('QUERY is missing');
  });

  it('enums name their words; literal words pass as they are', async () => {
    const mute = argSpec([
      { name: 'ACTION', kind: 'enum', values: ['add', 'remove'], description: { en: 'a', ar: 'a' } },
      { name: 'FOR', kind: 'duration', values: ['off'], max: 86_400_000, description: { en: 'd', ar: 'd' } },
    ]);
    expect(await parseArgs('m', mute, 'ADD off', ctx())).toEqual({ ok: true, values: { ACTION: 'add', FOR: 'off' } });
    expect(await parseArgs('m', mute, 'add 2h', ctx())).toEqual({ ok: true, values: { ACTION: 'add', FOR: 7_200_000 } });
    const bad = await parseArgs('m', mute, 'rename 2h', ctx());
    expect(bad.ok === false && bad.reply.text).toContain('ACTION: "rename" is not one of add, remove.');
    const tooLong = await parseArgs('m', mute, 'add 2d', ctx());
    expect(tooLong.ok === false && tooLong.reply.text).toContain('FOR: At most 1d.');
  });

  it('every command declares a description for each argument in both languages', () => {
    for (const c of commands) {
      for (const a of c.spec.args) {
        expect(a.description.en.length, `${c.name} ${a.name}`).toBeGreaterThan(0);
        expect(a.description.ar.length, `${c.name} ${a.name}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('pickLang', () => {
  it('prefers what the platform says, else the script written in', () => {
    expect(pickLang('ar', 'iraq')).toBe('ar');
    expect(pickLang('en-US', 'العراق')).toBe('en');
    expect(pickLang(undefined, 'العراق')).toBe('ar');
    expect(pickLang(undefined, 'iraq')).toBe('en');
  });
});

describe('splitText', () => {
  it('splits at line breaks within the limit and never halves a surrogate pair', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(80)}`).join('\n');
    const parts = splitText(text, 1000);
    expect(parts.length).toBeGreaterThan(4);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    const emoji = '🚀'.repeat(700);
    const e = splitText(emoji, 999);
    expect(e.every((p) => p.length <= 999 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(e.join('')).toBe(emoji);
  });
});
