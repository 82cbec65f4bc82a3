// One bounded worker pool for the whole code base: at most `concurrency` calls of fn at once, over
// a list, results in input order. The first failure stops new work from starting; the calls
// already running finish, then the pool rejects with that failure.

export async function mapPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (e) {
        failed ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: items.length === 0 ? 0 : width }, worker));
  if (failed) throw failed.error;
  return out;
}
