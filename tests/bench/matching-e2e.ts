// The end-to-end part of the matching bench: the real CLI (`node bin/raqib.js classify --config
// FILE`, start-up included) over a generated JSON Lines file, against the per-term RegExp classifier
// in regexp-classify.ts run the same way over the same file, with the same topics, in the same run.
// Each command also runs once on an empty file: that is its start-up (process, module loading,
// config and topic compilation), so the throughput after start-up can be told apart.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TopicDef } from '../../src/core/types.ts';
import type { Article } from '../helpers/topic-corpus.ts';

/** GNU time gives the child's CPU time, which says more than wall time on a shared machine. */
const TIME = '/usr/bin/time';

interface Timing {
  wall: number;
  /** User + system seconds of the command, when GNU time is there. */
  cpu?: number;
  lines: number;
}

/** Runs a command with stdin from a file and stdout to a file; wall (and CPU) seconds and output lines. */
async function timed(argv: readonly string[], stdinFile: string, dir: string): Promise<Timing> {
  const outFile = join(dir, 'out.jsonl');
  const timeFile = join(dir, 'time.txt');
  const useTime = existsSync(TIME);
  const cmd = useTime ? [TIME, '-f', '%U %S', '-o', timeFile, ...argv] : [...argv];
  const stdin = openSync(stdinFile, 'r');
  const stdout = openSync(outFile, 'w');
  const t0 = performance.now();
  try {
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(cmd[0]!, cmd.slice(1), { stdio: [stdin, stdout, 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } });
      child.on('error', fail);
      child.on('exit', done);
    });
    if (code !== 0) throw new Error(`${argv.join(' ')} exited with ${code}`);
  } finally {
    closeSync(stdin);
    closeSync(stdout);
  }
  const wall = (performance.now() - t0) / 1000;
  const lines = readFileSync(outFile, 'utf8').split('\n').filter(Boolean).length;
  if (!useTime) return { wall, lines };
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { wall, cpu: user! + sys!, lines };
}

const configYaml = (defs: readonly TopicDef[]) =>
  // The default pack is off so that both sides see exactly these topics.
  `settings:\n  defaultPack: false\ntopics:\n${defs.map((d) => `  - id: ${d.id}\n    query: ${JSON.stringify(d.query)}\n`).join('')}`;

const sec = (t: number) => t.toFixed(2).padStart(7);
const cpuOf = (t: Timing) => (t.cpu === undefined ? '      –' : sec(t.cpu));

interface Row {
  name: string;
  start: Timing;
  total: Timing;
  /** Articles per second once started: the articles over the time beyond the empty run's. */
  byWall?: number;
  byCpu?: number;
}

/** Undefined when the difference is lost in noise (a loaded machine can make the empty run the slower). */
function after(n: number, total: number | undefined, start: number | undefined): number | undefined {
  if (total === undefined || start === undefined || total - start <= 0.05) return undefined;
  return n / (total - start);
}

const rateOf = (r: number | undefined) => (r === undefined ? '   (noise)' : r.toFixed(0).padStart(10));

function ratios(ours: Row, b: Row): string {
  const x = (a: number | undefined, c: number | undefined) => (a === undefined || c === undefined ? 'n/a' : `${(a / c).toFixed(1)}×`);
  return [
    `wall time incl. start-up ${x(b.total.wall, ours.total.wall)}`,
    `CPU time incl. start-up ${x(b.total.cpu, ours.total.cpu)}`,
    `after start-up ${x(ours.byWall, b.byWall)} by wall, ${x(ours.byCpu, b.byCpu)} by CPU`,
  ].join(', ');
}

/**
 * One end-to-end measurement: `articles` articles, `defs` topics. Prints a table and the ratios
 * (wall time including start-up, and articles per second after start-up). raqib's own time
 * beyond start-up is a small difference of two large figures on 300 articles; `more` articles
 * (raqib only) make its rate after start-up measurable.
 */
export async function endToEnd(defs: readonly TopicDef[], articles: readonly Article[], more: readonly Article[] = []): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'raqib-e2e-'));
  try {
    const config = join(dir, 'config.yaml');
    const topicsJson = join(dir, 'topics.json');
    const input = join(dir, 'articles.jsonl');
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(config, configYaml(defs));
    writeFileSync(topicsJson, JSON.stringify(defs.map(({ id, query }) => ({ id, query }))));
    writeFileSync(input, articles.map((a, i) => `${JSON.stringify({ id: i, title: a.title, text: a.text })}\n`).join(''));
    writeFileSync(empty, '');
    const baseline = [process.execPath, '--import', 'tsx', resolve('tests/bench/regexp-classify.ts'), topicsJson];
    const commands: [string, string[]][] = [
      ['raqib classify', [process.execPath, resolve('bin/raqib.js'), 'classify', '--config', config]],
      ['RegExp, every term', baseline],
      ['RegExp, lazy', [...baseline, '--lazy']],
    ];
    console.log(`\nend to end: ${defs.length} topics (default pack off), ${articles.length} articles, one process per command`);
    console.log('command                wall s    cpu s   start-up: wall s   cpu s   art/s after start-up: by wall   by cpu');
    const rows: Row[] = [];
    for (const [name, argv] of commands) {
      const start = await timed(argv, empty, dir);
      const total = await timed(argv, input, dir);
      if (total.lines !== articles.length) throw new Error(`${name}: ${total.lines} output lines for ${articles.length} articles`);
      const row = { name, start, total, byWall: after(articles.length, total.wall, start.wall), byCpu: after(articles.length, total.cpu, start.cpu) };
      rows.push(row);
      console.log(
        `${name.padEnd(20)} ${sec(total.wall)}  ${cpuOf(total)}             ${sec(start.wall)} ${cpuOf(start)}                 ${rateOf(row.byWall)} ${rateOf(row.byCpu)}`,
      );
    }
    const [ours, ...bases] = rows;
    if (more.length > 0) {
      const all = [...articles, ...more];
      writeFileSync(input, all.map((a, i) => `${JSON.stringify({ id: i, title: a.title, text: a.text })}\n`).join(''));
      const big = await timed(commands[0]![1], input, dir);
      if (big.lines !== all.length) throw new Error(`raqib classify: ${big.lines} output lines for ${all.length} articles`);
      Object.assign(ours!, { byWall: after(all.length, big.wall, ours!.start.wall), byCpu: after(all.length, big.cpu, ours!.start.cpu) });
      console.log(
        `raqib on ${all.length} articles ${sec(big.wall)}  ${cpuOf(big)}   (its rate after start-up below: ${rateOf(ours!.byWall).trim()} by wall, ${rateOf(ours!.byCpu).trim()} by CPU)`,
      );
    }
    for (const b of bases) console.log(`raqib vs ${b.name}: ${ratios(ours!, b)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
