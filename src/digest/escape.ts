// Escaping and link helpers for chat platforms. Every string that came from a feed passes
// through one of these before it reaches a chat; the command layer reuses them for its replies.

/** Telegram parse_mode HTML: text outside tags needs & < > escaped (and " inside attributes). */
export function escapeTelegramHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Slack mrkdwn control characters: only & < > are escaped, & first (Slack decodes exactly these
 * three; `<!channel>` or `<https://evil|bank>` in feed text then shows literally and pings nothing).
 */
export function escapeSlackText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MAX_URL = 2048;

/**
 * The URL if it is a plain http(s) link, normalised; undefined for any other scheme
 * (javascript:, data:, file:, tg:, mailto:…), for URLs with credentials (`https://bank@evil`) and
 * for overlong ones.
 */
export function safeHttpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL) return undefined;
  let u: URL;
  try {
    u = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username || u.password || !u.hostname) return undefined;
  const href = u.href;
  // The WHATWG serialiser percent-encodes spaces, quotes and angle brackets; refuse anything
  // that still carries a control or bidi character.
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/.test(href)) return undefined;
  return href.length > MAX_URL ? undefined : href;
}

/** `<a href>` around already-escaped inner HTML; just the inner HTML when the URL is unsafe. */
export function telegramLink(url: string | undefined, innerHtml: string): string {
  const safe = safeHttpUrl(url);
  return safe ? `<a href="${escapeTelegramHtml(safe)}">${innerHtml}</a>` : innerHtml;
}

/** The URL as it may appear inside Slack's `<url|label>`: & escaped, | and > impossible. */
function slackUrl(safe: string): string {
  return safe.replace(/&/g, '&amp;').replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
}

/**
 * Slack `<url|label>` with the label escaped; the escaped label alone when the URL is unsafe.
 * `labelMrkdwn` is label text already escaped by the caller (for formatted labels).
 */
export function slackLink(url: string | undefined, label: string, opts: { labelMrkdwn?: boolean } = {}): string {
  const text = opts.labelMrkdwn ? label : escapeSlackText(label);
  const safe = safeHttpUrl(url);
  // A "|" in the label is fine for Slack (the first one separates), but ">" must stay escaped.
  return safe ? `<${slackUrl(safe)}|${text}>` : text;
}

/** A label from a URL for people: its host without "www.". */
export function hostLabel(url: string | undefined): string | undefined {
  const safe = safeHttpUrl(url);
  if (!safe) return undefined;
  return new URL(safe).hostname.replace(/^www\./, '');
}
