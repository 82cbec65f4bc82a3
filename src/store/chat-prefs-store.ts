// What a chat chose for itself: its reply language (/lang) and whether raqib has already said
// hello there (Slack's one-time welcome when the app joins a channel). One entry per
// (platform, chat); a private chat's id is its person's, so a person's choice is kept there.
import type Keyv from 'keyv';
import type { Store } from './open-store.ts';

export interface ChatPrefs {
  /** Chosen with /lang; absent means "detect from the person's client and script". */
  lang?: 'ar' | 'en';
  langBy?: string;
  /** ISO time of the one-time welcome. */
  welcomedAt?: string;
}

export interface ChatRef {
  platform: string;
  chat: string;
}

const keyOf = (r: ChatRef) => `${encodeURIComponent(r.platform)}|${encodeURIComponent(r.chat)}`;

export class ChatPrefsStore {
  private readonly kv: Keyv<ChatPrefs>;
  constructor(store: Store) {
    this.kv = store.namespace<ChatPrefs>('chat_prefs');
  }
  async get(r: ChatRef): Promise<ChatPrefs> {
    return (await this.kv.get(keyOf(r))) ?? {};
  }
  async lang(r: ChatRef): Promise<'ar' | 'en' | undefined> {
    return (await this.get(r)).lang;
  }
  /** Sets the chat's language, or clears it (undefined: back to detection). */
  async setLang(r: ChatRef, lang: 'ar' | 'en' | undefined, by?: string): Promise<void> {
    const { lang: _l, langBy: _b, ...rest } = await this.get(r);
    await this.kv.set(keyOf(r), lang ? { ...rest, lang, ...(by ? { langBy: by } : {}) } : rest);
  }
  /**
   * Records the welcome; true only the first time for this chat. Two instances racing may both
   * see "first" (keyv has no compare-and-set); a second hello is harmless, a lost one is not.
   */
  async firstWelcome(r: ChatRef, atIso: string): Promise<boolean> {
    const prefs = await this.get(r);
    if (prefs.welcomedAt) return false;
    await this.kv.set(keyOf(r), { ...prefs, welcomedAt: atIso });
    return true;
  }
  /** Gives the welcome mark back (the welcome could not be sent): the next chance says hello again. */
  async unwelcome(r: ChatRef): Promise<void> {
    const { welcomedAt: _w, ...rest } = await this.get(r);
    await this.kv.set(keyOf(r), rest);
  }
}
