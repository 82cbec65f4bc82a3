// PLACEHOLDER: `raqib digest` arrives with its own issue; until then it says so plainly.
import { write, type CliIO } from './io.ts';

export async function run(_argv: string[], io: CliIO): Promise<number> {
  await write(io.stderr, 'raqib digest: not available yet in this version (it arrives with a later release).\n');
  return 1;
}
