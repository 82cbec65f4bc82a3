// /unsubscribe TOPIC — this chat stops receiving the topic.
import { argSpec } from './arg-spec.ts';
import { clip, parseArgs } from './args.ts';
import { chatAddress, configOwned, requireChatAdmin, say } from './chat-scope.ts';
import { ok, type CommandDef } from './types.ts';
import { describe } from '../src/i18n/catalogue.ts';

// Any word: a subscription outlives its topic's removal and must still be removable.
const SPEC = argSpec([{ name: 'TOPIC', kind: 'word', description: describe('describe.unsubscribe.TOPIC') }]);

export const unsubscribe: CommandDef = {
  name: 'unsubscribe',
  spec: SPEC,
  description: describe('describe.unsubscribe.unsubscribe'),
  async run(ctx, argText) {
    const p = await parseArgs(this.name, SPEC, argText, ctx);
    if (!p.ok) return p.reply;
    const topicId = p.values.TOPIC;
    const denied = await requireChatAdmin(ctx);
    if (denied) return denied;
    const where = chatAddress(ctx);
    const existing = (await ctx.services.subscriptions.list(where)).find((s) => s.topic === topicId);
    if (!existing) {
      return { status: 'usage', ephemeral: true, text: say(ctx, 'unsubscribe.thisChatIs', { topicId: clip(topicId) }) };
    }
    if (existing.source === 'config') return configOwned(ctx, topicId);
    await ctx.services.subscriptions.remove(where, topicId);
    return ok(say(ctx, 'unsubscribe.unsubscribedThisChat', { topicId }));
  },
};
