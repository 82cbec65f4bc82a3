// Config problems as people read them: `topics[2].query: unbalanced parenthesis at 14`.
import type { z } from 'zod';
import { closest } from '../i18n/suggest.ts';

export interface Problem {
  path: string;
  /** 1-based line in the file, when known (topics and vocabularies). */
  line?: number;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(root)';
}

export function zodProblems(error: z.ZodError, prefix = '', schema?: z.ZodType): Problem[] {
  return error.issues.map((i) => {
    const path = formatPath(i.path as PropertyKey[]);
    const message = i.code === 'unrecognized_keys' && schema ? withGuesses(i.message, i.keys, knownKeysAt(schema, i.path as PropertyKey[])) : i.message;
    return { path: prefix ? (path === '(root)' ? prefix : `${prefix}${path.startsWith('[') ? '' : '.'}${path}`) : path, message };
  });
}

/** `digestsize` → 'did you mean "digestSize"?' for each unknown key that is close to a known one. */
function withGuesses(message: string, keys: readonly string[], known: readonly string[]): string {
  const guesses = keys
    .map((k) =>
      closest(
        k,
        known.map((n) => ({ value: n, names: [n] })),
      ),
    )
    .filter((g): g is string => g !== undefined);
  return guesses.length ? `${message}; did you mean ${guesses.map((g) => `"${g}"`).join(', ')}?` : message;
}

interface SchemaDef {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
}

/** The keys an object schema at `path` knows (through optional, default, nullable and arrays). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: z.ZodType | undefined = schema;
  for (let step = 0; cur && step <= path.length;) {
    const def: SchemaDef = (cur as unknown as { def: SchemaDef }).def;
    if (def.innerType) cur = def.innerType;
    else if (step === path.length) return def.shape ? Object.keys(def.shape) : [];
    else if (def.type === 'array') [cur, step] = [def.element, step + 1];
    else if (def.shape) [cur, step] = [def.shape[String(path[step])], step + 1];
    else return [];
  }
  return [];
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.path}${p.line !== undefined ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n');
}

/** Raised when config or env is invalid; carries every problem so that all are reported at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    super(`${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${formatProblems(problems)}`);
    this.name = 'ConfigError';
  }
}
