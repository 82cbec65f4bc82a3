// `raqib classify [--config FILE] [--explain]`: JSON Lines {id, title, text, lang?, url?} on stdin →
// one line {id, topics: [{id, score, terms}]} per input on stdout (the contract). With --explain,
// stdout instead gets a readable block per article: for every topic with a term in the article,
// whether it matched, which clauses held or failed, and snippets around the matched terms.
// A malformed line is reported on stderr with its line number; the rest are still processed and
// the exit code is 1.
import { createInterface } from 'node:readline';
import { formatExplanation } from '../topics/index.ts';
import { flagValue, parseOrUsage, write, type CliIO } from './io.ts';
import { requireConfigContext } from './context.ts';

const USAGE = 'usage: raqib classify [--config FILE] [--explain] < articles.jsonl';

interface Input {
  id: string | number;
  title: string;
  text: string;
}

function validate(value: unknown): Input | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  // 1e400 parses as Infinity, which JSON.stringify would write back as null: refuse it.
  if (typeof v.id !== 'string' && !(typeof v.id === 'number' && Number.isFinite(v.id))) return '"id" must be a string or a finite number';
  if (v.title !== undefined && typeof v.title !== 'string') return '"title" must be a string';
  if (v.text !== undefined && typeof v.text !== 'string') return '"text" must be a string';
  if (v.title === undefined && v.text === undefined) return 'needs "title" or "text"';
  return { id: v.id, title: (v.title as string | undefined) ?? '', text: (v.text as string | undefined) ?? '' };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = await parseOrUsage(argv, io, { values: ['config'], switches: ['explain'], usage: USAGE });
  if ('exit' in parsed) return parsed.exit;
  const explain = parsed.args.flags.get('explain') === true;
  const ctx = await requireConfigContext(io, flagValue(parsed.args, 'config'));
  if (!ctx) return 2;

  let lineNo = 0;
  let failed = 0;
  let buffer = '';
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (let line of rl) {
    lineNo++;
    // A byte-order mark (Windows editors) is not part of the first record.
    if (lineNo === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      failed++;
      await write(io.stderr, `line ${lineNo}: not valid JSON (${(e as Error).message})\n`);
      continue;
    }
    const input = validate(parsed);
    if (typeof input === 'string') {
      failed++;
      await write(io.stderr, `line ${lineNo}: ${input}\n`);
      continue;
    }
    if (explain) {
      buffer += `${formatExplanation(String(input.id), ctx.matcher.explain(input))}\n`;
    } else {
      const topics = ctx.matcher.match(input).map((m) => ({ id: m.id, score: m.score, terms: m.terms }));
      buffer += `${JSON.stringify({ id: input.id, topics })}\n`;
    }
    if (buffer.length > 64_000) {
      await write(io.stdout, buffer);
      buffer = '';
    }
  }
  if (buffer.length > 0) await write(io.stdout, buffer);
  return failed > 0 ? 1 : 0;
}
