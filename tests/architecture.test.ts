// The layering rules of the README's architecture section, checked on the sources' imports so that
// they cannot silently erode.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const ROOT = process.cwd();

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

interface Source {
  path: string;
  /** Package names and project-relative paths this file imports. */
  imports: string[];
  text: string;
}

const SOURCES: Source[] = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'commands'))].map((abs) => {
  const text = readFileSync(abs, 'utf8');
  const imports = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => {
    const spec = (m[1] ?? m[2])!;
    return spec.startsWith('.') ? relative(ROOT, resolve(dirname(abs), spec)) : spec;
  });
  return { path: relative(ROOT, abs), imports, text };
});

const importers = (test: (spec: string) => boolean) => SOURCES.filter((s) => s.imports.some(test)).map((s) => s.path);

describe('architecture', () => {
  it('found the sources it checks', () => {
    expect(SOURCES.length).toBeGreaterThan(50);
    expect(SOURCES.some((s) => s.path === 'src/platforms/telegram/telegram-platform.ts' && s.imports.includes('telegraf'))).toBe(true);
  });

  it('only src/platforms/telegram imports telegraf', () => {
    for (const p of importers((s) => s === 'telegraf' || s.startsWith('telegraf/'))) expect(p).toMatch(/^src\/platforms\/telegram\//);
  });

  it('only src/platforms/slack imports the Slack SDKs', () => {
    for (const p of importers((s) => s.startsWith('@slack/'))) expect(p).toMatch(/^src\/platforms\/slack\//);
  });

  it('the two platforms never import each other', () => {
    for (const s of SOURCES) {
      if (s.path.startsWith('src/platforms/slack/')) expect(s.imports.filter((i) => i.startsWith('src/platforms/telegram'))).toEqual([]);
      if (s.path.startsWith('src/platforms/telegram/')) expect(s.imports.filter((i) => i.startsWith('src/platforms/slack'))).toEqual([]);
    }
  });

  it('commands and the pipeline stages never import a platform', () => {
    const lower = /^(commands|src\/(core|config|store|text|topics|feeds|pipeline|stories|digest|delivery|schedule|service|app))\//;
    for (const s of SOURCES.filter((x) => lower.test(x.path))) {
      expect(s.imports.filter((i) => i.startsWith('src/platforms')), s.path).toEqual([]);
    }
  });

  it('data flows one way: text, topics and feeds never import stories, digest, delivery or schedule', () => {
    const early = /^src\/(core|text|topics|feeds|store)\//;
    const late = /^src\/(stories|digest|delivery|schedule|service|app|pipeline)/;
    for (const s of SOURCES.filter((x) => early.test(x.path))) expect(s.imports.filter((i) => late.test(i)), s.path).toEqual([]);
  });

  it('process.env is read only by the config layer (and handed over once by the CLI)', () => {
    const readers = SOURCES.filter((s) => /process\.env/.test(s.text)).map((s) => s.path).sort();
    expect(readers).toEqual(['src/cli.ts', 'src/cli/io.ts', 'src/config/env.ts']);
  });
  it('no import cycle between folders (top-level files of src count as their own part)', () => {
    const partOf = (p: string) => {
      const r = p.split('/');
      return r[0] === 'src' ? `src/${r[1]}` : r[0]!;
    };
    const edges = new Map<string, Set<string>>();
    for (const s of SOURCES) {
      for (const i of s.imports.filter((x) => x.startsWith('src/') || x.startsWith('commands/'))) {
        const [a, b] = [partOf(s.path), partOf(i)];
        if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    }
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (n: string, path: string[]) => {
      if (path.includes(n)) return void cycles.push([...path.slice(path.indexOf(n)), n].join(' -> '));
      if (done.has(n)) return;
      for (const m of edges.get(n) ?? []) visit(m, [...path, n]);
      done.add(n);
    };
    for (const n of edges.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });
});
