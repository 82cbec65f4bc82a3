// Makes feed XML safe and palatable before any parser sees it. The DOCTYPE is removed whole
// (no DTD is ever read, no entity is ever expanded: billion laughs, quadratic blow-up and XXE
// all die here), and references to the entities it declared are dropped — "literal entity
// dropped" is the outcome the security fixtures accept. Text already decoded (charset.ts), so
// the XML declaration's encoding is stale and goes too.

export interface PreparedXml {
  text: string;
  /** Names of entities the DOCTYPE declared (their references were removed). */
  declaredEntities: string[];
  hadDoctype: boolean;
}

// Characters XML 1.0 forbids; real feeds contain them (copy-pasted CMS text) and strict parsers
// reject the whole document for one of them.
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** End index (exclusive) of a DOCTYPE starting at `start`, honouring an internal subset. */
function doctypeEnd(s: string, start: number): number {
  let i = start + 9;
  let quote = '';
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
    else if (c === '<' && depth > 0 && s.startsWith('<!--', i)) {
      const e = s.indexOf('-->', i + 4);
      i = e < 0 ? s.length : e + 2;
    }
  }
  return s.length;
}

export function prepareXml(input: string): PreparedXml {
  let s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  s = s.replace(ILLEGAL, '');
  // Leading junk (whitespace, blank lines, a stray byte before "<?xml") breaks strict parsers.
  const lt = s.indexOf('<');
  if (lt > 0 && s.slice(0, lt).trim().length < 64) s = s.slice(lt);
  // The declaration may sit after a comment or whitespace; it carries nothing we still need.
  const decl = s.slice(0, 2048).search(/<\?xml[\s?]/i);
  if (decl >= 0) {
    const end = s.indexOf('?>', decl);
    if (end > 0) s = s.slice(0, decl) + s.slice(end + 2);
  }
  const declaredEntities: string[] = [];
  let hadDoctype = false;
  const dt = s.search(/<!DOCTYPE/i);
  // A DOCTYPE can only precede the root element; a later "<!DOCTYPE" is content (e.g. in CDATA).
  if (dt >= 0 && !/<[a-zA-Z]/.test(s.slice(0, dt).replace(/<!--[\s\S]*?-->/g, ''))) {
    hadDoctype = true;
    const end = doctypeEnd(s, dt);
    const subset = s.slice(dt, end);
    for (const m of subset.matchAll(/<!ENTITY\s+(%\s+)?([^\s"'>%]+)/g)) {
      if (!m[1] && declaredEntities.length < 2000) declaredEntities.push(m[2]!);
    }
    s = s.slice(0, dt) + s.slice(end);
  }
  if (declaredEntities.length > 0) {
    const names = new Set(declaredEntities);
    // Predefined XML entities keep their meaning even if a DTD redeclares them.
    for (const p of ['amp', 'lt', 'gt', 'quot', 'apos']) names.delete(p);
    if (names.size > 0) s = s.replace(/&([^\s&;<>]{1,100});/g, (ref, name: string) => (names.has(name) ? '' : ref));
  }
  return { text: s, declaredEntities, hadDoctype };
}
