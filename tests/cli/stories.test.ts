// `raqib stories` (contract in DESIGN.md): JSON Lines in, {id, story, joined?} out in input order,
// malformed lines reported with their number, exit 1 on bad lines and 2 on bad usage. It never
// opens the bot's store.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, spawnCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/stores.ts';

const ENV = { LOG_LEVEL: 'silent' };
const line = (o: object) => JSON.stringify(o);

const EN = {
  title: 'Drone attack on Ain al-Asad base',
  text: 'The Islamic Resistance in Iraq said it launched two drones at Ain al-Asad air base on Tuesday. One US soldier was wounded.',
  published: '2024-01-09T08:00:00Z',
};
const AR = {
  lang: 'ar',
  title: 'مسيرتان تضربان قاعدة عين الأسد',
  text: 'تبنت المقاومة الإسلامية في العراق الثلاثاء هجوما بطائرتين مسيرتين على قاعدة عين الأسد في الأنبار.',
  published: '2024-01-09T12:00:00Z',
};
const OTHER = {
  title: 'Drone attack on Harir base',
  text: 'A drone targeted Harir air base near Erbil on Tuesday, the Islamic Resistance in Iraq said.',
  published: '2024-01-09T09:00:00Z',
};

describe('raqib stories (contract)', () => {
  it('writes {id, story, joined?} per input in order: one story across languages, another base apart', async () => {
    const input = [line({ id: 'en1', ...EN }), line({ id: 7, ...OTHER }), line({ id: 'ar1', ...AR })].join('\n');
    const r = await runCli(['stories'], { stdin: `${input}\n`, env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['en1', 7, 'ar1']);
    expect(out[0]).toEqual({ id: 'en1', story: 'en1' });
    expect(out[1]).toEqual({ id: 7, story: '7' });
    expect(out[2].story).toBe('en1');
    expect(out[2].joined).toEqual(expect.arrayContaining(['same place: ain-al-asad', 'same day']));
  });

  it("names each line's story as it finally stands: a later report that belongs to two stories merges them", async () => {
    const ar = {
      lang: 'ar',
      title: 'غارات أمريكية على مواقع لكتائب حزب الله في القائم',
      text: 'قصفت طائرات أمريكية فجر اليوم الأربعاء مواقع تابعة لكتائب حزب الله في قضاء القائم غربي الأنبار، بحسب مصادر أمنية عراقية. وقالت المصادر إن القصف استهدف مخازن أسلحة قرب الحدود مع سوريا.',
      published: '2025-03-05T10:00:00Z',
    };
    const heard = {
      title: "Blasts heard near Iraq's western border",
      text: 'Residents reported several loud explosions near the Syrian border on Wednesday, and smoke was seen rising over warehouses outside the town. Iraqi security officials gave no details.',
      published: '2025-03-05T11:00:00Z',
    };
    const both = {
      title: "Blasts near Iraq's western border were US strikes on Kataib Hezbollah",
      text: 'Residents reported several loud explosions near the Syrian border on Wednesday, and smoke was seen rising over warehouses outside the town of al-Qaim. Iraqi security officials later said US aircraft had struck Kataib Hezbollah weapons depots there.',
      published: '2025-03-05T12:00:00Z',
    };
    const firstTwo = await runCli(['stories'], { stdin: [line({ id: 'ar', ...ar }), line({ id: 'heard', ...heard })].join('\n'), env: ENV });
    expect(
      firstTwo.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).story),
    ).toEqual(['ar', 'heard']);
    const r = await runCli(['stories'], {
      stdin: [line({ id: 'ar', ...ar }), line({ id: 'heard', ...heard }), line({ id: 'both', ...both })].join('\n'),
      env: ENV,
    });
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).story),
    ).toEqual(['ar', 'ar', 'ar']);
  });

  it('reports malformed lines with their number, processes the rest and exits 1', async () => {
    const input = [
      line({ id: 'a', ...EN }),
      '{nope',
      line({ id: 'b' }),
      line({ id: 'c', title: 'x', published: 'last tuesday' }),
      line({ id: 'd', ...AR }),
    ].join('\n');
    const r = await runCli(['stories'], { stdin: input, env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 2: not valid JSON/m);
    expect(r.stderr).toMatch(/^line 3: needs "title" or "text"/m);
    expect(r.stderr).toMatch(/^line 4: "published" is not an ISO time/m);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['a', 'd']);
  });

  it('exits 2 on bad usage', async () => {
    const r = await runCli(['stories', '--frob'], { stdin: '', env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: raqib stories/);
  });

  it('runs through the bin without touching the configured store', { timeout: 30_000 }, async () => {
    const t = tempDir();
    try {
      const storeFile = join(t.dir, 'bot.sqlite');
      const r = await spawnCli(['stories'], { stdin: `${line({ id: 'x', ...EN })}\n`, env: { ...ENV, RAQIB_STORE: `sqlite://${storeFile}` }, cwd: t.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout.trim())).toEqual({ id: 'x', story: 'x' });
      expect(existsSync(storeFile)).toBe(false);
    } finally {
      t.remove();
    }
  });
});
