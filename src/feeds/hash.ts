// Short stable ids. sha256 is overkill for collisions at this scale but is fast, built in and
// keeps ids identical across processes, versions and store back-ends.
import { createHash } from 'node:crypto';

/** The first `length` hex digits of sha256(text). */
export function shortHash(text: string | Uint8Array, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
