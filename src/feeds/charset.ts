// Bytes → text before any parsing (no feed parser decodes character sets itself). Order:
// BOM, UTF-16/32 byte patterns, then "valid UTF-8 wins" (declarations are wrong far more often
// than non-UTF-8 bytes happen to form valid UTF-8 — miniflux learned the same), then the HTTP
// charset, the XML declaration, an HTML <meta> charset, and finally a guess: windows-1256 when the
// document says it is Arabic, Persian or Urdu, else windows-1252.
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

export type CharsetSource = 'bom' | 'sniff' | 'ascii' | 'utf8' | 'http' | 'xml' | 'meta' | 'fallback';

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used. */
  encoding: string;
  source: CharsetSource;
  /** Declared labels that TextDecoder does not know (reported, then ignored). */
  unknownLabels: string[];
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/;\s*charset\s*=\s*("?)([^";\s]+)\1/i);
  return m?.[2];
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined;
  }
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, skip: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = skip; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

export function decodeBytes(input: Uint8Array, contentType?: string): Decoded {
  const b = input;
  const unknownLabels: string[] = [];
  const out = (text: string, encoding: string, source: CharsetSource): Decoded => ({ text, encoding, source, unknownLabels });

  // 1. Byte order marks (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE).
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return out(new TextDecoder('utf-8').decode(b.subarray(3)), 'utf-8', 'bom');
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return out(decodeUtf32(b, true, 4), 'utf-32le', 'bom');
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return out(decodeUtf32(b, false, 4), 'utf-32be', 'bom');
  if (b[0] === 0xff && b[1] === 0xfe) return out(new TextDecoder('utf-16le').decode(b.subarray(2)), 'utf-16le', 'bom');
  if (b[0] === 0xfe && b[1] === 0xff) return out(new TextDecoder('utf-16be').decode(b.subarray(2)), 'utf-16be', 'bom');

  // 2. No BOM: the first ASCII character ("<", "{" or whitespace) shows the code unit layout.
  const firstNonZero = b.findIndex((x) => x !== 0);
  if (b.length >= 4 && firstNonZero >= 0 && firstNonZero < 4) {
    if (b[1] === 0 && b[2] === 0 && b[3] === 0 && b[0] !== 0) return out(decodeUtf32(b, true, 0), 'utf-32le', 'sniff');
    if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] !== 0) return out(decodeUtf32(b, false, 0), 'utf-32be', 'sniff');
    if (b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) return out(new TextDecoder('utf-16le').decode(b), 'utf-16le', 'sniff');
    if (b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) return out(new TextDecoder('utf-16be').decode(b), 'utf-16be', 'sniff');
  }

  // The declarations, read from an ASCII view of the head of the document.
  const head = Buffer.from(b.subarray(0, 2048)).toString('latin1');
  const labels: [string | undefined, CharsetSource][] = [
    [charsetFromContentType(contentType), 'http'],
    [head.match(/<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i)?.[1], 'xml'],
    [head.match(/<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i)?.[1], 'meta'],
  ];
  const declared: [TextDecoder, CharsetSource][] = [];
  for (const [label, source] of labels) {
    if (!label) continue;
    const d = decoderFor(label);
    if (d) declared.push([d, source]);
    else unknownLabels.push(label);
  }
  // UTF-16/32 declared over 8-bit bytes (no BOM, no NUL pattern) is a lie: ignore it.
  const usable = declared.filter(([d]) => !d.encoding.startsWith('utf-16'));

  // 3. Pure ASCII: every ASCII-compatible encoding agrees (stateful 7-bit ones are the exception).
  const ascii = isAscii(b);
  const sevenBit = usable.find(([d]) => d.encoding === 'iso-2022-jp');
  if (ascii && !sevenBit) return out(Buffer.from(b).toString('latin1'), usable[0]?.[0].encoding ?? 'utf-8', 'ascii');

  // 4. Valid UTF-8 with multi-byte sequences is UTF-8, whatever the labels say.
  if (isUtf8(b)) return out(UTF8.decode(b), 'utf-8', 'utf8');

  // 5. The first declaration that is not UTF-8 (UTF-8 has just failed).
  const legacy = usable.find(([d]) => d.encoding !== 'utf-8');
  if (legacy) return out(legacy[0].decode(b), legacy[0].encoding, legacy[1]);

  // 6. A guess. Arabic-script feeds that are not UTF-8 are windows-1256 in practice.
  const arabic = /(?:xml:lang|<language|<dc:language|lang)\s*[=>]\s*["']?\s*(ar|fa|ur)\b/i.test(head);
  const enc = arabic ? 'windows-1256' : 'windows-1252';
  return out(new TextDecoder(enc).decode(b), enc, 'fallback');
}
