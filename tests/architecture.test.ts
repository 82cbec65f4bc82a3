// The layering rules of the README's architecture section are kept by the linter
// (eslint/raqib-plugin.js, run by `npm run lint`). These tests show that the rules can fail: each
// lints a small throw-away project that breaks one rule, and one that keeps them all.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import raqib, { LAYERS } from '../eslint/raqib-plugin.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Lints a project made of `files` (path → source) with raqib's rules; returns "file: message" lines. */
async function lint(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'raqib-arch-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { raqib },
        rules: { 'raqib/layers': 'error', 'raqib/no-folder-cycles': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(Object.keys(files));
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(root.length + 1)}: ${m.message}`));
}

describe('architecture rules (eslint/raqib-plugin.js)', () => {
  it('a project that follows the layering passes', async () => {
    const out = await lint({
      'src/core/types.ts': 'export type A = 1;\n',
      'src/text/tokens.ts': "import type { A } from '../core/types.ts';\nexport const t: A = 1;\n",
      'src/topics/match.ts': "import { t } from '../text/tokens.ts';\nexport const m = t;\n",
      'src/digest/render.ts': "import { m } from '../topics/match.ts';\nexport const m2 = m;\n",
      'src/platforms/telegram/bot.ts': "import { Telegraf } from 'telegraf';\nimport { m } from '../../digest/render.ts';\nexport const b = [Telegraf, m];\n",
    });
    expect(out).toEqual([]);
  });

  it('an early stage importing a later one is refused (data flows one way)', async () => {
    const out = await lint({
      'src/topics/match.ts': "import { d } from '../digest/render.ts';\nexport const m = d;\n",
      'src/digest/render.ts': 'export const d = 1;\n',
    });
    expect(out).toEqual([expect.stringContaining('src/topics may not import src/digest')]);
  });

  it('commands and pipeline stages may not import a platform', async () => {
    const out = await lint({
      'commands/digest.ts': "import { s } from '../src/platforms/slack/x.ts';\nexport const c = s;\n",
      'src/platforms/slack/x.ts': 'export const s = 1;\n',
    });
    expect(out).toEqual([expect.stringContaining('commands may not import src/platforms')]);
  });

  it('SDKs only in their own platform folder, and the platforms never import each other', async () => {
    const out = await lint({
      'src/digest/render.ts': "import { App } from '@slack/bolt';\nexport const a = App;\n",
      'src/platforms/slack/app.ts': "import { Telegraf } from 'telegraf';\nexport const t = Telegraf;\n",
    });
    expect(out.sort()).toEqual(
      [
        expect.stringContaining('@slack/bolt may only be imported in src/platforms/slack/'),
        expect.stringContaining('telegraf may only be imported in src/platforms/telegram/'),
      ].sort(),
    );
  });

  it('an import cycle between folders is reported on both edges, even where each edge is allowed alone', async () => {
    const out = await lint({
      'src/main.ts': "import { c } from './cli/run.ts';\nexport const m = c;\n",
      'src/cli/run.ts': "import { m } from '../main.ts';\nexport const c = m;\n",
    });
    expect(out.sort()).toEqual([
      'src/cli/run.ts: import cycle between folders: src/cli → src/main → src/cli',
      'src/main.ts: import cycle between folders: src/main → src/cli → src/main',
    ]);
  });

  it('a folder not placed in the layering is refused until it is', async () => {
    const out = await lint({
      'src/widgets/w.ts': "import { t } from '../core/types.ts';\nexport const w = t;\n",
      'src/core/types.ts': 'export const t = 1;\n',
    });
    expect(out).toEqual([expect.stringContaining('folder not in the layering')]);
    expect(Object.keys(LAYERS)).toContain('src/core');
  });
});
