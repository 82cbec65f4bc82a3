// The one HTTP server on PORT (src/service) lends path prefixes to the platforms that receive
// webhooks (Slack events, the Telegram webhook).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Mounts a request handler under a path prefix of the shared HTTP server. */
export type HttpMount = (pathPrefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => void;

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
