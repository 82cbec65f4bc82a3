// Lua scripts over the store's one Redis client: EVALSHA with a fall-back to EVAL when the
// server has not cached the script yet (after a restart or SCRIPT FLUSH).
import { createHash } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';

export class RedisScript {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClientType, keys: string[], args: (string | number)[]): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      return await client.evalSha(this.sha, options);
    } catch (e) {
      if (!/NOSCRIPT/.test((e as Error).message)) throw e;
      return client.eval(this.source, options);
    }
  }
}
