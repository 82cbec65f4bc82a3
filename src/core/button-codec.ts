// Button payloads: the action a button carries, packed into Telegram's 64 bytes of callback_data
// (and Slack's button value). Version 1 is `1<code><fields>.<minute>.<sig>`: the action's fields
// (per kind, below), the minute it was issued (base 36) and an HMAC-SHA256 of both cut to 64 bits.
// An action too long to fit is kept in the store under an id derived from the action and the key
// (`1*<id>.<minute>.<sig>`): sealing the same action again reuses its entry, so a message composed
// twice (the outbox's compare-and-set retried) leaves no entry that no button refers to.
// open() refuses anything unsigned, altered, older than MAX_AGE or unknown, and never throws.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { actionKey, type ActionKind, type ButtonAction, type Sealer } from './buttons.ts';

/** Telegram's limit on callback_data, in bytes. */
export const CALLBACK_DATA_MAX = 64;
/** Buttons older than this are refused (the story and the chat have moved on). */
export const BUTTON_MAX_AGE_MS = 30 * 86_400_000;
const VERSION = '1';
const SIG_BYTES = 8;

type FieldType = 'string' | 'number' | readonly string[];
interface KindSchema {
  code: string;
  fields: readonly [name: string, type: FieldType][];
}

/** How each kind is packed; a new kind needs a new one-letter code (never reuse one). */
const SCHEMAS: Record<ActionKind, KindSchema> = {
  feedback: {
    code: 'f',
    fields: [
      ['topic', 'string'],
      ['story', 'string'],
      ['verdict', ['relevant', 'not-relevant']],
    ],
  },
  mute: {
    code: 'm',
    fields: [
      ['topic', 'string'],
      ['hours', 'number'],
    ],
  },
  why: {
    code: 'w',
    fields: [
      ['topic', 'string'],
      ['story', 'string'],
    ],
  },
  exclude: {
    code: 'x',
    fields: [
      ['topic', 'string'],
      ['term', 'string'],
    ],
  },
  page: {
    code: 'p',
    fields: [
      ['command', 'string'],
      ['args', 'string'],
      ['page', 'number'],
    ],
  },
  run: {
    code: 'r',
    fields: [
      ['command', 'string'],
      ['args', 'string'],
    ],
  },
  share: {
    code: 's',
    fields: [
      ['command', 'string'],
      ['args', 'string'],
    ],
  },
  cancel: { code: 'c', fields: [['what', ['feed-add']]] },
};
const BY_CODE = new Map(Object.entries(SCHEMAS).map(([kind, s]) => [s.code, { kind: kind as ActionKind, ...s }]));

/** Where actions too long for a payload are kept (src/store/button-store.ts). */
export interface ActionStash {
  put(id: string, action: ButtonAction, ttlMs: number): Promise<void>;
  get(id: string): Promise<ButtonAction | undefined>;
}

export type OpenResult = { ok: true; action: ButtonAction; issuedMs: number } | { ok: false; reason: 'invalid' | 'expired' | 'unknown' };

export interface ButtonCodec {
  /** The payload for an action: at most CALLBACK_DATA_MAX bytes. */
  seal(action: ButtonAction): Promise<string>;
  /** The action a payload carries, or why it is refused. */
  open(data: string): Promise<OpenResult>;
}

const escapeField = (s: string) => s.replace(/[%|.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const unescapeField = (s: string) => s.replace(/%(25|7C|2E)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function pack(a: ButtonAction): string {
  const schema = SCHEMAS[a.kind];
  const values = a as unknown as Record<string, string | number>;
  const parts = schema.fields.map(([name, type]) => {
    const v = values[name]!;
    return Array.isArray(type) ? String(type.indexOf(String(v))) : escapeField(String(v));
  });
  return `${schema.code}${parts.join('|')}`;
}

function unpack(body: string): ButtonAction | undefined {
  const schema = BY_CODE.get(body[0] ?? '');
  if (!schema) return undefined;
  const parts = body.slice(1).split('|');
  if (parts.length !== schema.fields.length) return undefined;
  const out: Record<string, string | number> = { kind: schema.kind };
  for (const [i, [name, type]] of schema.fields.entries()) {
    const raw = unescapeField(parts[i]!);
    if (type === 'number') {
      if (!/^-?\d{1,9}$/.test(raw)) return undefined;
      out[name] = Number(raw);
    } else if (Array.isArray(type)) {
      const v = type[Number(raw)];
      if (v === undefined || !/^\d$/.test(raw)) return undefined;
      out[name] = v;
    } else out[name] = raw;
  }
  return out as unknown as ButtonAction;
}

export function createButtonCodec(key: Uint8Array, stash: ActionStash, now: () => number = Date.now): ButtonCodec {
  const sign = (text: string) => createHmac('sha256', key).update(text).digest().subarray(0, SIG_BYTES).toString('base64url');
  const frame = (body: string) => {
    const signed = `${VERSION}${body}.${Math.floor(now() / 60_000).toString(36)}`;
    return `${signed}.${sign(signed)}`;
  };
  return {
    async seal(action) {
      const inline = frame(pack(action));
      if (Buffer.byteLength(inline) <= CALLBACK_DATA_MAX) return inline;
      const id = createHmac('sha256', key)
        .update(`stash\n${pack(action)}`)
        .digest()
        .subarray(0, 9)
        .toString('base64url');
      await stash.put(id, action, BUTTON_MAX_AGE_MS);
      return frame(`*${id}`);
    },
    async open(data) {
      const m = /^1([^.]+)\.([0-9a-z]{1,9})\.([A-Za-z0-9_-]{11})$/.exec(typeof data === 'string' ? data : '');
      if (!m) return { ok: false, reason: 'invalid' };
      const [, body, minute, sig] = m as unknown as [string, string, string, string];
      const expected = Buffer.from(sign(`${VERSION}${body}.${minute}`));
      if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: 'invalid' };
      const issuedMs = parseInt(minute, 36) * 60_000;
      if (now() - issuedMs > BUTTON_MAX_AGE_MS) return { ok: false, reason: 'expired' };
      let action: ButtonAction | undefined;
      try {
        action = body.startsWith('*') ? await stash.get(body.slice(1)) : unpack(body);
      } catch {
        action = undefined;
      }
      return action ? { ok: true, action, issuedMs } : { ok: false, reason: body.startsWith('*') ? 'unknown' : 'invalid' };
    },
  };
}

/** Seals many actions at once, so that synchronous renderers can look each one up. */
export async function sealAll(codec: ButtonCodec, actions: readonly ButtonAction[]): Promise<Sealer> {
  const sealed = new Map<string, string>();
  for (const a of actions) {
    const k = actionKey(a);
    if (!sealed.has(k)) sealed.set(k, await codec.seal(a));
  }
  return (a) => {
    const data = sealed.get(actionKey(a));
    if (data === undefined) throw new Error(`button action was not sealed: ${a.kind}`);
    return data;
  };
}
