// Files on the fake Bot API, validated as the real server does (../shared/fixtures/telegram):
//   sendDocument: `document` is a multipart upload (or the file_id of a file the fake holds), at
//     most 50 MB and not empty; the caption is parsed like message text and may be 1024 characters.
//   getFile {file_id} → File {file_id, file_unique_id, file_size, file_path}; bots may download
//     files of at most 20 MB ("Bad Request: file is too big" above that, "invalid file_id" for an
//     id it never issued).
//   GET /file/bot<token>/<file_path> → the bytes (404 for an unknown path, 401 for another token).
// Files users send (pushed documents) and documents the bot sent are held here by file_id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UploadedFile } from './fake-http.ts';
import { checkTelegramText } from './telegram-html.ts';
import { bad, ok, type MethodHandler } from './telegram-methods.ts';
import { CAPTION_LIMIT } from './telegram-media.ts';

const SEND_MAX_BYTES = 50 * 1024 * 1024;
const DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;

export interface HeldFile {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type?: string;
  data: Buffer;
  path: string;
}

/** The Document object of a held file, as a message carries it. */
export function documentOf(f: HeldFile): Record<string, unknown> {
  return {
    file_name: f.file_name,
    ...(f.mime_type ? { mime_type: f.mime_type } : {}),
    file_id: f.file_id,
    file_unique_id: f.file_unique_id,
    file_size: f.data.length,
  };
}

export class TelegramFiles {
  private readonly byId = new Map<string, HeldFile>();
  private readonly byPath = new Map<string, HeldFile>();
  /** Downloads made through /file/…, for assertions. */
  readonly downloads: string[] = [];

  add(data: Buffer, fileName: string, mime?: string): HeldFile {
    const n = this.byId.size + 1;
    const f: HeldFile = {
      file_id: `BQACAgIAAxkBAAI-fake-doc-${n}`,
      file_unique_id: `AgADfake${n}`,
      file_name: fileName,
      ...(mime ? { mime_type: mime } : {}),
      data,
      path: `documents/file_${n}${/\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? ''}`,
    };
    this.byId.set(f.file_id, f);
    this.byPath.set(f.path, f);
    return f;
  }

  get(fileId: string): HeldFile | undefined {
    return this.byId.get(fileId);
  }

  readonly getFile: MethodHandler = ({ params }) => {
    const f = this.byId.get(String(params.file_id));
    if (!f) return bad('Bad Request: invalid file_id');
    if (f.data.length > DOWNLOAD_MAX_BYTES) return bad('Bad Request: file is too big');
    return ok({ file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.data.length, file_path: f.path });
  };

  readonly sendDocument: MethodHandler = ({ world, params: p, files, at, flood }) => {
    const upload: UploadedFile | undefined = files.document;
    const known = upload ? undefined : this.byId.get(String(p.document));
    if (!upload && !known) return bad('Bad Request: wrong file identifier/HTTP URL specified');
    if (upload && upload.size === 0) return bad('Bad Request: file must be non-empty');
    if (upload && upload.size > SEND_MAX_BYTES) return bad('Bad Request: file is too big');
    const caption = (p.caption as string | undefined) ?? '';
    const check =
      caption === ''
        ? { ok: true as const, text: '', entities: [], length: 0 }
        : checkTelegramText(caption, p.parse_mode as string | undefined, { limit: Infinity });
    if (!check.ok) return bad(check.description);
    const s = world.resolve(p.chat_id);
    if (!s) return bad('Bad Request: chat not found');
    if (check.length > CAPTION_LIMIT) return bad('Bad Request: message caption is too long');
    const refused = world.cannotPost(s);
    if (refused) return bad(refused.description, refused.code);
    const limited = flood(s);
    if (limited) return limited;
    const held = known ?? this.add(upload!.data, upload!.filename || 'document', upload!.type || undefined);
    const m = world.deliver(s, {
      text: check.text,
      source: caption,
      parse_mode: p.parse_mode as string | undefined,
      entities: check.entities,
      message_thread_id: p.message_thread_id as number | undefined,
      reply_markup: p.reply_markup,
      date: Math.floor(Date.now() / 1000),
      at,
      document: held,
    });
    return ok(world.toApiMessage(s, m));
  };

  /** GET /file/bot<token>/<path>: true when the request was a file download (answered here). */
  serve(req: IncomingMessage, res: ServerResponse, token: string): boolean {
    const m = /^\/file\/bot([^/]+)\/(.+)$/.exec((req.url ?? '').split('?')[0]!);
    if (!m) return false;
    const f = decodeURIComponent(m[1]!) === token ? this.byPath.get(decodeURIComponent(m[2]!)) : undefined;
    if (!f) {
      res.writeHead(decodeURIComponent(m[1]!) === token ? 404 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return true;
    }
    this.downloads.push(f.path);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.data.length });
    res.end(f.data);
    return true;
  }
}
