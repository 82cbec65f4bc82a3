// The fake Bot API's file methods against the REAL telegraf: sendDocument (multipart upload,
// caption rules, empty and unknown files refused), getFile and the download link on the API root
// (unknown ids, another token), as ../shared/fixtures/telegram describes them.
import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function telegram(): Promise<{ fake: FakeTelegram; bot: Telegraf }> {
  const fake = await startFakeTelegram({ chats: [{ id: 42, type: 'private', first_name: 'Ali' }] });
  cleanups.push(() => fake.close());
  return { fake, bot: new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }) };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof TelegramError ? e.description : String(e)),
  );

describe('fake Telegram files with the real telegraf', () => {
  it('sendDocument takes a multipart file with a caption and returns a Message with its Document', async () => {
    const { fake, bot } = await telegram();
    const m = await bot.telegram.sendDocument(42, { source: Buffer.from('<opml/>'), filename: 'a.opml' }, { caption: 'the <b>feeds</b>', parse_mode: 'HTML' });
    expect(m.document).toMatchObject({ file_name: 'a.opml', file_size: 7 });
    expect(m.caption).toBe('the feeds');
    expect(m.caption_entities).toEqual([{ type: 'bold', offset: 4, length: 5 }]);
    expect(fake.sent(42)[0]!.document!.data.toString()).toBe('<opml/>');
    // Sending it again by its file_id needs no upload.
    const again = await bot.telegram.sendDocument(42, m.document.file_id);
    expect(again.document.file_id).toBe(m.document.file_id);
  });

  it('refuses an empty file, an unknown file_id, a caption over 1024 characters and an unknown chat', async () => {
    const { bot } = await telegram();
    expect(await refusal(bot.telegram.sendDocument(42, { source: Buffer.alloc(0), filename: 'e.txt' }))).toBe('Bad Request: file must be non-empty');
    expect(await refusal(bot.telegram.sendDocument(42, 'nope'))).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect(await refusal(bot.telegram.sendDocument(42, { source: Buffer.from('x'), filename: 'x' }, { caption: 'x'.repeat(1025) }))).toBe(
      'Bad Request: message caption is too long',
    );
    expect(await refusal(bot.telegram.sendDocument(7, { source: Buffer.from('x'), filename: 'x' }))).toBe('Bad Request: chat not found');
  });

  it('getFile and the download link give a user’s document back; unknown ids and other tokens are refused', async () => {
    const { fake, bot } = await telegram();
    const update = await fake.pushMessage({ chatId: 42, text: '/feeds import', document: { data: Buffer.from('hello'), fileName: 'h.opml' } });
    const doc = update.message!.document as { file_id: string; file_name: string };
    expect(update.message!.caption).toBe('/feeds import');
    expect(update.message!.caption_entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    const link = await bot.telegram.getFileLink(doc.file_id);
    expect(link.origin).toBe(new URL(fake.url).origin);
    expect(await (await fetch(link)).text()).toBe('hello');
    expect(await refusal(bot.telegram.getFile('nope'))).toBe('Bad Request: invalid file_id');
    const other = new URL(link.href.replace(fake.token, '999:other'));
    expect((await fetch(other)).status).toBe(401);
    expect((await fetch(new URL(`/file/bot${fake.token}/documents/none.opml`, fake.url))).status).toBe(404);
  });
});
