// The small parsers every command relies on: command lines, quoted arguments, windows, text splits.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, pickLang } from '../../commands/registry.ts';
import { parseSince, splitArgs, straightenQuotes } from '../../commands/args.ts';
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

describe('splitArgs', () => {
  it('groups quoted words, accepts smart quotes, refuses an open quote', () => {
    expect(splitArgs('iraq "daily 08:00"  x')).toEqual({ ok: true, tokens: ['iraq', 'daily 08:00', 'x'] });
    expect(splitArgs('“0 * * * *” ‘a b’')).toEqual({ ok: true, tokens: ['0 * * * *', 'a b'] });
    expect(splitArgs('"open').ok).toBe(false);
    expect(splitArgs('"a"b').ok).toBe(false);
    expect(splitArgs('   ')).toEqual({ ok: true, tokens: [] });
    expect(straightenQuotes('«x»')).toBe('"x"');
  });
});

describe('parseSince', () => {
  it('accepts durations up to 30 days', () => {
    expect(parseSince('24h')).toEqual({ ok: true, ms: 86_400_000 });
    expect(parseSince('30d')).toEqual({ ok: true, ms: 30 * 86_400_000 });
    expect(parseSince('31d')).toMatchObject({ ok: false });
    expect(parseSince('iraq')).toBeUndefined();
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
