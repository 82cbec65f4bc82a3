// Config problems as people read them: `topics[2].query: unbalanced parenthesis at 14`.
import type { z } from 'zod';

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

export function zodProblems(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((i) => {
    const path = formatPath(i.path as PropertyKey[]);
    return { path: prefix ? (path === '(root)' ? prefix : `${prefix}${path.startsWith('[') ? '' : '.'}${path}`) : path, message: i.message };
  });
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
