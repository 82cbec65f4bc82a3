// sendPhoto on the fake Bot API, validated as the real server does: the photo is a multipart
// upload (at most 10 MB, a real image whose width and height add up to at most 10000 with a ratio
// of at most 20) or an HTTP(S) URL (a test may make the fake refuse one, as Telegram refuses an
// address it cannot fetch; a file_id string is always unknown); the caption is parsed like message
// text (parse_mode) and may be 1024 characters after parsing. The uploaded bytes are kept for tests to inspect.
import type { UploadedFile } from './fake-http.ts';
import { checkTelegramText } from './telegram-html.ts';
import { bad, ok, type MethodHandler } from './telegram-methods.ts';

export const CAPTION_LIMIT = 1024;
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** Width and height from a PNG or JPEG header; undefined when the bytes are no image we know. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString('latin1', 12, 16) === 'IHDR') {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    for (let i = 2; i + 9 < data.length;) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xc3) return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
      i += 2 + data.readUInt16BE(i + 2);
    }
  }
  return undefined;
}

function checkPhoto(file: UploadedFile): { width: number; height: number } | string {
  if (file.size > PHOTO_MAX_BYTES) return 'Bad Request: PHOTO_SAVE_FILE_INVALID';
  const size = imageSize(file.data);
  if (!size || size.width === 0 || size.height === 0) return 'Bad Request: IMAGE_PROCESS_FAILED';
  const ratio = Math.max(size.width, size.height) / Math.min(size.width, size.height);
  if (size.width + size.height > 10_000 || ratio > 20) return 'Bad Request: PHOTO_INVALID_DIMENSIONS';
  return size;
}

/** The size the fake gives a photo it "fetched" by URL (it fetches nothing). */
const URL_PHOTO = { width: 800, height: 450 };

/**
 * A photo given as a string: an HTTP(S) URL Telegram fetches (the fake accepts any such URL
 * unless a test made it refuse that one, as the real server refuses an unreachable or non-image
 * address), else a file_id, which the fake has none of.
 */
function photoByUrl(photo: unknown, rejected: ReadonlyMap<string, string> | undefined): { url: string } | string {
  if (typeof photo !== 'string') return 'Bad Request: there is no photo in the request';
  let u: URL | undefined;
  try {
    u = new URL(photo);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return 'Bad Request: wrong file identifier/HTTP URL specified';
  const refusal = rejected?.get(photo);
  return refusal ?? { url: photo };
}

export const sendPhoto: MethodHandler = ({ world, params: p, files, at, flood, rejectedImages }) => {
  const file = files.photo;
  const byUrl = file ? undefined : photoByUrl(p.photo, rejectedImages);
  if (typeof byUrl === 'string') return bad(byUrl);
  const caption = (p.caption as string | undefined) ?? '';
  // A photo needs no caption; a caption is parsed like message text.
  const check =
    caption === ''
      ? { ok: true as const, text: '', entities: [], length: 0 }
      : checkTelegramText(caption, p.parse_mode as string | undefined, { limit: Infinity });
  if (!check.ok) return bad(check.description);
  const s = world.resolve(p.chat_id);
  if (!s) return bad('Bad Request: chat not found');
  if (check.length > CAPTION_LIMIT) return bad('Bad Request: message caption is too long');
  const size = file ? checkPhoto(file) : URL_PHOTO;
  if (typeof size === 'string') return bad(size);
  const refused = world.cannotPost(s);
  if (refused) return bad(refused.description, refused.code);
  const limited = flood(s);
  if (limited) return limited;
  const m = world.deliver(s, {
    text: check.text,
    source: caption,
    parse_mode: p.parse_mode as string | undefined,
    entities: check.entities,
    message_thread_id: p.message_thread_id as number | undefined,
    reply_markup: p.reply_markup,
    date: Math.floor(Date.now() / 1000),
    at,
    photo: file
      ? { filename: file.filename, ...size, data: file.data }
      : { filename: byUrl!.url.split('/').pop() || 'photo', ...size, data: Buffer.alloc(0), url: byUrl!.url },
  });
  return ok(world.toApiMessage(s, m));
};
