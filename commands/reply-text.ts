// Splitting long plain-text replies for platforms with a message size limit. Neutral: platforms
// escape each part for their own markup afterwards.

/** Splits at line breaks (else spaces, else hard) so that every part has at most `max` UTF-16 units. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    // Never cut a surrogate pair in half.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.trim() !== '') parts.push(rest);
  return parts.filter((p) => p !== '');
}
