// Feed dates as found in the wild: RFC 822 with or without seconds or weekday, named US zones,
// W3CDTF/ISO 8601 (often without a zone), two-digit years. A date V8 cannot place, or one before
// 1990, is no date: the caller then uses the fetch time.

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
  bst: 1,
  cet: 1,
  cest: 2,
  eet: 2,
  eest: 3,
  ast: 3,
  msk: 3,
  ist: 5.5,
  jst: 9,
};

const MIN_MS = Date.UTC(1990, 0, 1);

/** Milliseconds since the epoch, or undefined when the string is not a usable date. */
export function parseFeedDate(input: string | undefined): number | undefined {
  if (!input) return undefined;
  const s = input.trim().replace(/\s+/g, ' ');
  if (s === '' || s.length > 100) return undefined;
  // ISO without a zone would be read as local time by Date.parse: feeds mean UTC there.
  const iso = s.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/);
  const t = iso ? Date.parse(`${iso[1]}T${iso[2]}Z`) : (rfc822(s) ?? Date.parse(s));
  return Number.isFinite(t) && t >= MIN_MS ? t : undefined;
}

/** RFC 822/1123 with the variations feeds actually use ("03 Apr 02 1500 GMT", "+0300", "EEST"). */
function rfc822(s: string): number | undefined {
  const m = s.match(
    /^(?:[A-Za-z]{2,9},? )?(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{2,4}),? (\d{1,2}):?(\d{2})(?::(\d{2}))?(?: ?([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$/,
  );
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return undefined;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 70 ? 2000 : 1900;
  const zone = m[7];
  let offsetH = 0;
  if (zone) {
    if (/^[+-]/.test(zone)) {
      const z = zone.replace(':', '');
      offsetH = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) + Number(z.slice(3, 5)) / 60);
    } else {
      const named = ZONES[zone.toLowerCase()];
      if (named === undefined) return undefined;
      offsetH = named;
    }
  }
  const ms = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return ms - offsetH * 3_600_000;
}
