// Each config gets its own default store: ./data/<config name>-<8 hex of its absolute path>.sqlite,
// so that the example config's stories, /watch topics and /feeds never show up under an operator's
// own config in the same folder. RAQIB_STORE, when set, wins.
import { createHash } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';

export function defaultStoreUrl(configPath: string): string {
  const abs = resolve(configPath);
  const name = basename(abs, extname(abs)).replace(/[^A-Za-z0-9_-]+/g, '_') || 'raqib';
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 8);
  return `sqlite://./data/${name}-${hash}.sqlite`;
}
