import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.ts';

const TOPICS_ONLY = { LOG_LEVEL: 'silent' };

describe('raqib classify (contract)', () => {
  it('writes one JSON line {id, topics:[{id, score, terms}]} per input, in order', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'US strikes militia in Iraq', text: 'American jets hit a depot near Baghdad.' }),
      JSON.stringify({ id: 7, title: 'Gold prices rise', text: 'Markets were calm.' }),
    ].join('\n');
    const r = await runCli(['classify'], { stdin: `${input}\n`, env: TOPICS_ONLY });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].id).toBe('a');
    expect(lines[1].id).toBe(7);
    const iraq = lines[0].topics.find((t: { id: string }) => t.id === 'iraq');
    expect(iraq).toBeDefined();
    expect(typeof iraq.score).toBe('number');
    expect(Array.isArray(iraq.terms) && iraq.terms.length).toBeTruthy();
    expect(lines[1].topics).toEqual([]);
  });

  it('reports a malformed line with its number and still processes the rest', async () => {
    const input = ['{"id":"x1","title":"Baghdad","text":"Iraq"}', '{not json', '', '{"id":"x3"}', '{"id":"x4","title":"العراق","text":""}'].join('\n');
    const r = await runCli(['classify'], { stdin: input, env: TOPICS_ONLY });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2: not valid JSON/);
    expect(r.stderr).toMatch(/line 4: needs "title" or "text"/);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids).toEqual(['x1', 'x4']);
  });

  it('accepts a byte-order mark before the first line (files saved by Windows editors)', async () => {
    const r = await runCli(['classify'], { stdin: '\uFEFF{"id":"b1","title":"Baghdad"}\r\n{"id":"b2","title":"x"}\r\n', env: TOPICS_ONLY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['b1', 'b2']);
  });

  it('refuses an id that JSON cannot write back (1e400 would come out as null)', async () => {
    const r = await runCli(['classify'], { stdin: '{"id":1e400,"title":"x"}\n{"id":-1e400,"title":"x"}\n{"id":3,"title":"x"}\n', env: TOPICS_ONLY });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1: "id" must be a string or a finite number/);
    expect(r.stderr).toMatch(/line 2: "id" must be a string or a finite number/);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([3]);
  });

  it('refuses an unexpected argument with usage', async () => {
    const r = await runCli(['classify', 'extra'], { env: TOPICS_ONLY });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: raqib classify/);
  });

  it('works through the package bin, as `npx raqib classify` does', async () => {
    const r = await spawnCli(['classify'], { stdin: '{"id":"a","title":"US strikes militia in Iraq","text":"…"}\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line.id).toBe('a');
    expect(line.topics.map((t: { id: string }) => t.id)).toContain('iraq');
  });
});

describe('raqib classify --explain', () => {
  it('names the clauses of a structured topic, whether each held, and its role in the condition', async () => {
    const input = JSON.stringify({
      id: 'w1',
      title: 'US to withdraw troops from Iraq',
      text: 'The United States will withdraw its troops from Iraq by September, officials in Baghdad said.',
    });
    const r = await runCli(['classify', '--explain'], { stdin: `${input}\n`, env: TOPICS_ONLY });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^w1\n/);
    expect(r.stdout).toMatch(/✔ withdrawal {2}score [\d.]+ {2}terms: /);
    expect(r.stdout).toMatch(/✔ pullout \[any\] {2}— matched in the title and text: /);
    expect(r.stdout).toMatch(/relevance [\d.]+ \(needs 2.5\) = title 3 \+ lead 2 \+ /);
    expect(r.stdout).toMatch(/✔ pullout_en \[part\] {2}— matched in the title and text: withdraw_en\[withdraw\*/);
    expect(r.stdout).toMatch(/✔ in_iraq_syria \[require\] {2}— matched/);
    expect(r.stdout).toMatch(/US to «withdraw» troops from Iraq/);
    // An excluding clause that is absent holds; a failed building block is not listed.
    expect(r.stdout).toMatch(/✔ lebanese_hezbollah \[exclude\] {2}— absent/);
    expect(r.stdout).not.toMatch(/✘ troops_leave/);
  });

  it('keeps the contract output unchanged without --explain (no clause hits in it)', async () => {
    const r = await runCli(['classify'], {
      stdin: '{"id":"a","title":"US to withdraw troops from Iraq","text":"The US will withdraw troops from Iraq, officials in Baghdad said."}\n',
      env: TOPICS_ONLY,
    });
    const line = JSON.parse(r.stdout.trim());
    for (const t of line.topics) expect(Object.keys(t).sort()).toEqual(['id', 'score', 'terms']);
  });
});

describe('raqib command line', () => {
  it('refuses an unknown subcommand with the list of commands', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toMatch(/classify/);
  });
});

describe('subcommand arguments', () => {
  it('a value flag followed by another option is missing its value, not swallowing the option', async () => {
    const r = await runCli(['classify', '--config', '--explain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--config needs a value\nusage: raqib classify/);
    const d = await runCli(['digest', 'iraq', '--since', '--format', 'json']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--since needs a value/);
  });

  it('refuses unknown options with the usage line, and prints usage for --help', async () => {
    for (const cmd of ['check', 'start', 'classify']) {
      const bad = await runCli([cmd, '--bogus']);
      expect(bad.code, cmd).toBe(2);
      expect(bad.stderr, cmd).toMatch(new RegExp(`unknown option --bogus\\nusage: raqib ${cmd}`));
      const help = await runCli([cmd, '--help']);
      expect(help.code, cmd).toBe(0);
      expect(help.stdout, cmd).toMatch(new RegExp(`^usage: raqib ${cmd}`));
    }
  });
});
