// /feeds import: an admin sends an OPML file (a Telegram document with the caption /feeds import,
// or as a reply to the prompt this command gives without a file). Slack files are not read yet:
// slash commands carry no files, and reading a shared one needs the Events API.
// The file is read only up to IMPORT_MAX_BYTES; the services check every entry with the same
// guard as /feeds add and report added, already present and refused (with the reason). A file that
// is not OPML changes nothing.
import { ok, type CommandContext, type ImportView, type Reply, type UiLang } from './types.ts';
import { t } from '../src/i18n/catalogue.ts';

/** OPML files past this size are refused before they are read (the CLI's limit too). */
export const IMPORT_MAX_BYTES = 1024 * 1024;
/** Report lines per kind before "…and N more" (a chat message is not a log). */
const LISTED = 20;

export async function importReply(ctx: CommandContext): Promise<Reply> {
  const lang = ctx.lang;
  const file = ctx.attachment;
  const importOpml = ctx.services.feeds.importOpml;
  if (!importOpml) return { status: 'error', ephemeral: true, text: t(lang, 'feeds.importIsNot') };
  if (!file) {
    // Only Telegram hands the bot the files people send (Slack would need its Events API).
    if (ctx.platform !== 'telegram') return { status: 'error', ephemeral: true, text: t(lang, 'feeds.importNoFiles') };
    return ok(t(lang, 'feeds.importPrompt', { mb: IMPORT_MAX_BYTES / 1048576 }));
  }
  const tooLarge = () => ({
    status: 'usage' as const,
    ephemeral: true,
    text: t(lang, 'feeds.importTooLarge', { name: file.name, mb: IMPORT_MAX_BYTES / 1048576 }),
  });
  if (file.size !== undefined && file.size > IMPORT_MAX_BYTES) return tooLarge();
  let bytes: Uint8Array;
  try {
    bytes = await file.read(IMPORT_MAX_BYTES);
  } catch (e) {
    if (/larger than/.test((e as Error).message)) return tooLarge();
    return { status: 'error', ephemeral: true, text: t(lang, 'feeds.importNotRead', { name: file.name }) };
  }
  const r = await importOpml(bytes, `${ctx.platform}:${ctx.user.id}`);
  if (!r.ok) return { status: 'usage', ephemeral: true, text: t(lang, 'feeds.importMalformed', { name: file.name, reason: r.error }) };
  return ok(reportText(r, lang));
}

function reportText(r: Extract<ImportView, { ok: true }>, lang: UiLang): string {
  const lines = [t(lang, 'feeds.importReport', { added: r.added.length, present: r.present.length, refused: r.refused.length })];
  const list = <T>(xs: readonly T[], line: (x: T) => string) => {
    for (const x of xs.slice(0, LISTED)) lines.push(line(x));
    if (xs.length > LISTED) lines.push(t(lang, 'feeds.importMore', { n: xs.length - LISTED }));
  };
  list(r.added, (url) => t(lang, 'feeds.importAdded', { url }));
  list(r.present, (p) => t(lang, 'feeds.importPresent', { url: p.existing }));
  list(r.refused, (x) => t(lang, 'feeds.importRefused', { url: x.url || '—', line: x.line ?? '—', reason: x.reason }));
  return lines.join('\n');
}
