// Bounded concurrency: at most `limit` tasks run at once, the rest wait in order. Used where many
// independent calls (feeds, chats) would otherwise all start together.

export class WorkerPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`WorkerPool limit must be a positive integer, got ${limit}`);
  }

  /** Runs fn when a slot is free; the result (or the throw) is fn's. */
  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Runs fn over every item with bounded concurrency; results keep the items' order. */
  map<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R> | R): Promise<R[]> {
    return Promise.all(items.map((item, i) => this.run(() => fn(item, i))));
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
