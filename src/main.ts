// Wiring only: config → store → pipeline → platforms → scheduler. Every piece is built elsewhere;
// this file decides which pieces run and connects them.
import type { Readable, Writable } from 'node:stream';
import type { ConfigContext } from './cli/context.ts';
import type { Logger } from './log.ts';
import { openStore } from './store/open-store.ts';
import { ArticleStore } from './store/article-store.ts';
import { RegistryStore } from './store/registry-store.ts';
import { TopicCatalog } from './app/topic-catalog.ts';
import { createCommandServices } from './app/command-services.ts';
import { startConsole } from './platforms/console/console-platform.ts';

export interface StartOptions extends ConfigContext {
  log: Logger;
  stdin: Readable;
  stdout: Writable;
  cwd: string;
}

export interface RunningApp {
  stop(): Promise<void>;
}

export async function startApp(o: StartOptions): Promise<RunningApp> {
  const { env, log } = o;
  const store = await openStore(env.RAQIB_STORE, { cwd: o.cwd });
  log.info({ store: store.displayUrl }, 'store opened');
  const articles = new ArticleStore(store);
  const registry = new RegistryStore(store);
  const topics = new TopicCatalog(o.topics, registry);
  await topics.reload();

  const services = createCommandServices({ topics: async () => topics.list(), articles });
  const consolePlatform = startConsole({ input: o.stdin, output: o.stdout, services });

  return {
    async stop() {
      consolePlatform.stop();
      await consolePlatform.idle();
      await store.close();
    },
  };
}
