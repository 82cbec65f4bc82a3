// Slack's external file upload flow on the fake Web API, as WebClient.filesUploadV2 drives it:
//   files.getUploadURLExternal {filename, length} → {upload_url, file_id}
//   POST the bytes to upload_url (raw or multipart) → 200 "OK - <bytes>"
//   files.completeUploadExternal {files: [{id, title?}], channel_id?, initial_comment?, thread_ts?}
// Checked as Slack does: required arguments, a positive whole length, files that were reserved and
// uploaded (else file_not_found), a channel the bot can post to. The fake's own stricter rule: the
// uploaded byte count must equal the declared length (real uploads are cut or refused otherwise).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from './fake-http.ts';
import type { SlackResult } from './slack-methods.ts';
import type { SlackWorld } from './slack-world.ts';

export interface SharedFile {
  id: string;
  filename: string;
  title: string;
  /** Channel it was shared into; undefined when completed without one (kept private). */
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
  data: Buffer;
  at: number;
}

interface Reserved {
  filename: string;
  length: number;
  altText?: string;
  data?: Buffer;
}

const fail = (error: string, messages?: string[]): SlackResult => ({
  ok: false,
  error,
  ...(messages ? { extra: { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } } } : {}),
});

export class SlackFiles {
  readonly shared: SharedFile[] = [];
  private readonly reserved = new Map<string, Reserved>();
  private next = 1;

  getUploadURLExternal(params: Record<string, unknown>, origin: string): SlackResult {
    const problems: string[] = [];
    const filename = typeof params.filename === 'string' ? params.filename.trim() : '';
    if (!filename) problems.push('missing required field: filename');
    const length = Number(params.length);
    if (params.length === undefined || params.length === '') problems.push('missing required field: length');
    else if (!Number.isInteger(length) || length <= 0) problems.push('must be a positive integer [json-pointer:/length]');
    if (problems.length > 0) return fail('invalid_arguments', problems);
    const id = `F0FAKE${String(this.next++).padStart(5, '0')}`;
    this.reserved.set(id, { filename, length, ...(typeof params.alt_txt === 'string' ? { altText: params.alt_txt } : {}) });
    return { ok: true, body: { upload_url: `${origin}/upload/v1/${id}`, file_id: id } };
  }

  /** The upload URL: raw bytes or a multipart body with one file. */
  async upload(id: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const r = this.reserved.get(id);
    const text = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
    if (req.method !== 'POST') return text(405, 'Method Not Allowed');
    if (!r) return text(404, 'Not Found');
    let data = raw;
    if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
      const body = await parseBody(req, raw);
      const files = Object.values(body.files);
      if (body.error || files.length !== 1) return text(400, 'Bad Request');
      data = files[0]!.data;
    }
    r.data = data;
    text(200, `OK - ${data.length}`);
  }

  completeUploadExternal(params: Record<string, unknown>, world: SlackWorld, at: number): SlackResult {
    let files: unknown = params.files;
    if (typeof files === 'string') {
      try {
        files = JSON.parse(files);
      } catch {
        return fail('invalid_arguments', ['failed to match all allowed schemas [json-pointer:/files]']);
      }
    }
    if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments', ['missing required field: files']);
    const channelRef = params.channel_id ?? (typeof params.channels === 'string' ? params.channels.split(',')[0] : undefined);
    let channel: string | undefined;
    if (channelRef !== undefined) {
      const c = world.resolveChannel(channelRef);
      if (!c) return fail('channel_not_found');
      if (c.is_archived) return fail('is_archived');
      if (c.botIsMember === false) return fail('not_in_channel');
      channel = c.id;
    }
    const done: SharedFile[] = [];
    for (const f of files as { id?: unknown; title?: unknown }[]) {
      const r = typeof f?.id === 'string' ? this.reserved.get(f.id) : undefined;
      if (!r?.data) return fail('file_not_found');
      if (r.data.length !== r.length) return fail('invalid_arguments', [`uploaded ${r.data.length} bytes, declared length ${r.length}`]);
      done.push({
        id: f.id as string,
        filename: r.filename,
        title: typeof f.title === 'string' ? f.title : r.filename,
        data: r.data,
        at,
        ...(channel ? { channel } : {}),
        ...(typeof params.thread_ts === 'string' ? { thread_ts: params.thread_ts } : {}),
        ...(typeof params.initial_comment === 'string' ? { initial_comment: params.initial_comment } : {}),
      });
    }
    for (const d of done) this.reserved.delete(d.id);
    this.shared.push(...done);
    return {
      ok: true,
      body: {
        files: done.map((d) => ({
          id: d.id,
          name: d.filename,
          title: d.title,
          size: d.data.length,
          mimetype: d.filename.endsWith('.png') ? 'image/png' : 'application/octet-stream',
          ...(d.channel ? { channels: [d.channel] } : {}),
        })),
      },
    };
  }
}
