// `npm run bench`: runs every tests/bench/*.bench.ts (or those named on the command line) one
// after another. Each prints its own figures with a baseline measured in the same run.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') throw new Error('exports no run()');
    await mod.run();
  } catch (e) {
    failed++;
    console.error(`${f} failed:`, e);
  }
  console.log(`(${f}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
if (files.length === 0) console.log('no benchmarks found');
process.exit(failed > 0 ? 1 : 0);
