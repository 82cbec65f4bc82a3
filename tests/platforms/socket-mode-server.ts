// A minimal Slack Socket Mode endpoint for tests: apps.connections.open over HTTP, then a real
// WebSocket (RFC 6455 framing on node:http's upgrade, no library) that says hello, delivers
// envelopes and collects the app's acknowledgements. Enough for @slack/socket-mode's client.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SocketModeAck {
  envelope_id: string;
  payload?: unknown;
}

export interface FakeSocketMode {
  /** slackApiUrl for the app (ends in /api/). */
  apiUrl: string;
  /** App tokens seen on apps.connections.open. */
  appTokens: string[];
  connections(): number;
  /** Sends an envelope and resolves with the app's ack. */
  send(type: string, payload: unknown): Promise<SocketModeAck>;
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, data: Buffer): Buffer {
  const len = data.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, data]);
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const sockets = new Set<Socket>();
  const appTokens: string[] = [];
  const waiters = new Map<string, (ack: SocketModeAck) => void>();
  let nextEnvelope = 1;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = /^\/api\/([\w.]+)/.exec(req.url ?? '')?.[1];
      res.setHeader('content-type', 'application/json');
      if (method !== 'apps.connections.open') return void res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
      const token = /^Bearer (xapp-\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return void res.end(JSON.stringify({ ok: false, error: 'not_authed' }));
      appTokens.push(token);
      const { port } = server.address() as AddressInfo;
      res.end(JSON.stringify({ ok: true, url: `ws://127.0.0.1:${port}/link` }));
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return void socket.destroy();
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        const masked = (buf[1]! & 0x80) !== 0;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        const maskOff = off;
        if (masked) off += 4;
        if (buf.length < off + len) return;
        const data = Buffer.from(buf.subarray(off, off + len));
        if (masked) for (let i = 0; i < data.length; i++) data[i]! ^= buf[maskOff + (i % 4)]!;
        buf = buf.subarray(off + len);
        if (opcode === 0x1) {
          const msg = JSON.parse(data.toString('utf8')) as SocketModeAck;
          waiters.get(msg.envelope_id)?.(msg);
          waiters.delete(msg.envelope_id);
        } else if (opcode === 0x9) socket.write(frame(0xa, data));
        else if (opcode === 0x8) {
          socket.end(frame(0x8, data.subarray(0, 2)));
          sockets.delete(socket);
        }
      }
    });
    socket.write(
      frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0RAQIB01' }, debug_info: { host: 'fake' } }))),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    appTokens,
    connections: () => sockets.size,
    send(type, payload) {
      const socket = [...sockets][0];
      if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
      const envelope_id = `env-${nextEnvelope++}`;
      const acked = new Promise<SocketModeAck>((resolve) => waiters.set(envelope_id, resolve));
      socket.write(frame(0x1, Buffer.from(JSON.stringify({ envelope_id, type, accepts_response_payload: true, payload }))));
      return acked;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
