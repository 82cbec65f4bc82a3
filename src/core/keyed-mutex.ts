// Work serialised per key (one chat's commands in order, one feed at a time) while different keys
// run in parallel. A key's entry lives only while it has work queued: no map grows without bound.

export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs fn after every earlier run(key) has settled; the result (or the throw) is fn's. */
  async run<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(fn);
    // The tail never rejects: one failure must not poison the key's later work.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (tests, metrics). */
  get size(): number {
    return this.tails.size;
  }

  /** Settles when everything queued so far has settled. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
