// ../shared holds fixtures and eval data. On a user's machine it may be absent: tests that need it
// skip with a clear message. CI sets RAQIB_REQUIRE_SHARED=1, and then its absence fails the run.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(process.cwd(), '../shared');
export const HAS_SHARED = existsSync(resolve(SHARED_DIR, 'fixtures'));

if (!HAS_SHARED) {
  if (process.env.RAQIB_REQUIRE_SHARED === '1') throw new Error(`../shared is required here but missing at ${SHARED_DIR}`);
  console.warn(`[raqib tests] ${SHARED_DIR} is absent: tests that read shared fixtures are skipped.`);
}

export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DIR, ...parts);
}
