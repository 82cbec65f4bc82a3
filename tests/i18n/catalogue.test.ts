// The catalogues: every key in both languages, plural forms each language needs, and the checker
// itself notices a key removed from either.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, catalogueProblems, formatNumber, plural, t, type Catalogue } from '../../src/i18n/catalogue.ts';

const withoutKey = (cat: Catalogue, key: string): Catalogue => Object.fromEntries(Object.entries(cat).filter(([k]) => k !== key));

describe('message catalogues', () => {
  it('have every key in both languages, with the same placeholders and all plural forms', () => {
    expect(catalogueProblems(CATALOGUES)).toEqual([]);
    expect(Object.keys(CATALOGUES.en).length).toBeGreaterThan(50);
  });

  it('the check fails when one key is removed from either language', () => {
    const key = Object.keys(CATALOGUES.en)[3]!;
    expect(catalogueProblems({ en: withoutKey(CATALOGUES.en, key), ar: CATALOGUES.ar })).toEqual([`en: missing "${key}"`]);
    expect(catalogueProblems({ en: CATALOGUES.en, ar: withoutKey(CATALOGUES.ar, key) })).toEqual([`ar: missing "${key}"`]);
    const broken = { ...CATALOGUES.ar, 'x.count': { one: 'مقالة واحدة', other: '{n} مقالة' } };
    expect(catalogueProblems({ en: { ...CATALOGUES.en, 'x.count': { one: '1', other: '{n}' } }, ar: broken }).join('\n')).toMatch(
      /ar: "x.count" lacks the plural form (zero|two|few|many)/,
    );
  });

  it('no command file still carries inline bilingual strings (tr(lang, en, ar))', () => {
    for (const f of readdirSync('commands').filter((n) => n.endsWith('.ts'))) {
      expect(readFileSync(`commands/${f}`, 'utf8'), f).not.toMatch(/\btr\(/);
    }
  });

  it('no command, platform or digest file words a reply in Arabic itself (only input words people type)', () => {
    const code = (text: string) =>
      text
        .split('\n')
        .filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l))
        .join('\n');
    const files = [
      ...readdirSync('commands').map((n) => `commands/${n}`),
      ...['console', 'slack', 'telegram'].flatMap((p) => readdirSync(`src/platforms/${p}`).map((n) => `src/platforms/${p}/${n}`)),
      ...readdirSync('src/digest').map((n) => `src/digest/${n}`),
      'src/app/trend-service.ts',
    ].filter((f) => f.endsWith('.ts') && !['commands/lang.ts', 'commands/exclude-words.ts', 'src/digest/summarise.ts'].includes(f));
    for (const f of files) expect(code(readFileSync(f, 'utf8')).match(/[\u0621-\u064A]{2,}/g) ?? [], f).toEqual([]);
  });

  it('plurals follow Intl.PluralRules: six Arabic forms, two English', () => {
    expect([0, 1, 2, 3, 11, 100].map((n) => plural('ar', 'count.articles', n))).toEqual([
      'لا مقالات',
      'مقالة واحدة',
      'مقالتان',
      '٣ مقالات',
      '١١ مقالة',
      '١٠٠ مقالة',
    ]);
    expect([1, 2].map((n) => plural('en', 'count.articles', n))).toEqual(['1 article', '2 articles']);
  });

  it('formats numbers in the language: Arabic-Indic digits in Arabic', () => {
    expect(formatNumber('ar', 24)).toBe('٢٤');
    expect(formatNumber('en', 24)).toBe('24');
    expect(t('ar', 'registry.thatIsToo', { maxArgsLength: 4000 })).toContain('٤٠٠٠');
  });
});
