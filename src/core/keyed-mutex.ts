// One lock helper for the whole code base: work under the same key runs one at a time, in the
// order it was asked for; work under different keys runs freely. A failed run rejects its own
// caller only: the next run under the key starts as usual.

export class KeyedMutex<K = string> {
  private readonly tails = new Map<K, Promise<void>>();

  /** Runs fn once every earlier run under `key` has settled; resolves or rejects with fn's result. */
  run<T>(key: K, fn: () => Promise<T> | T): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(fn);
    // The tail only orders the next run; the outcome (error included) goes to `result`'s caller.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** True while some run under `key` is queued or running. */
  isLocked(key: K): boolean {
    return this.tails.has(key);
  }

  /** Keys with queued or running work. */
  get size(): number {
    return this.tails.size;
  }

  /** Settles when everything queued so far has settled (a platform's stop waits for its answers). */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}

/** A KeyedMutex with a single key: one section at a time. */
export class Mutex {
  private readonly keyed = new KeyedMutex<0>();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.keyed.run(0, fn);
  }

  get locked(): boolean {
    return this.keyed.isLocked(0);
  }
}
