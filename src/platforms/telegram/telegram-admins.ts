// Who administers a Telegram group, asked with getChatMember and remembered for a minute: a busy
// group must not cost one API call per command, and a demoted admin loses rights soon enough.
import type { Telegram } from 'telegraf';
import type { Logger } from '../../log.ts';
import { telegramError } from './telegram-sender.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;

export class ChatAdminCache {
  private readonly cache = new Map<string, { admin: boolean; at: number }>();

  constructor(
    private readonly telegram: Telegram,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.admin;
    let admin = false;
    try {
      const member = (await this.telegram.callApi('getChatMember', { chat_id: chatId, user_id: userId } as never)) as { status?: string };
      admin = member.status === 'creator' || member.status === 'administrator';
    } catch (err) {
      // Unknown means no: refusing a change is safe, allowing one is not. Not cached.
      this.log.warn({ err: telegramError(err, 'getChatMember'), chat: chatId }, 'telegram: getChatMember failed');
      return false;
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { admin, at: this.now() });
    return admin;
  }
}
