// What a platform is still answering, so that stop() lets it finish (or gives up after a while)
// instead of cutting an answer off half-sent.

/** Work the platform started and must let finish (or time out) before it stops. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  async track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    try {
      return await work;
    } finally {
      this.running.delete(work);
    }
  }

  /** Waits for the running work, at most `timeoutMs`. */
  async drain(timeoutMs = 5_000): Promise<void> {
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
