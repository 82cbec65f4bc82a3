// Plumbing shared by the fake platform servers: a real node:http server on 127.0.0.1:0 that tracks
// its sockets (so close() never waits for a keep-alive client), and request bodies read the way the
// real APIs read them: JSON, application/x-www-form-urlencoded and multipart/form-data, plus query
// parameters.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface UploadedFile {
  filename: string;
  size: number;
  type: string;
  /** The bytes, so that tests can look at what was uploaded (a chart's PNG). */
  data: Buffer;
}

export interface ParsedBody {
  kind: 'json' | 'form' | 'multipart' | 'none';
  /** JSON bodies keep their types; form and multipart values are strings, as on the wire. */
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  raw: Buffer;
  /** Set when the body could not be parsed (bad JSON, broken multipart). */
  error?: string;
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseBody(req: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  const url = new URL(req.url ?? '/', 'http://fake.local');
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: Record<string, UploadedFile> = {};
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (raw.length === 0) return { kind: 'none', params, files, raw };
  if (type.startsWith('application/json')) {
    try {
      const value: unknown = JSON.parse(raw.toString('utf8'));
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { kind: 'json', params, files, raw, error: 'json_not_object' };
      }
      return { kind: 'json', params: { ...params, ...(value as Record<string, unknown>) }, files, raw };
    } catch {
      return { kind: 'json', params, files, raw, error: 'invalid_json' };
    }
  }
  if (type.startsWith('multipart/form-data')) {
    try {
      // undici's Request parses multipart exactly as a server framework would.
      const form = await new Request('http://fake.local/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') params[key] = value;
        else files[key] = { filename: value.name, size: value.size, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
      }
      return { kind: 'multipart', params, files, raw };
    } catch (err) {
      return { kind: 'multipart', params, files, raw, error: `invalid multipart body: ${(err as Error).message}` };
    }
  }
  // Both Telegram and Slack treat a body without a JSON/multipart type as a url-encoded form.
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) params[key] = value;
  return { kind: 'form', params, files, raw };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface RunningServer {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
