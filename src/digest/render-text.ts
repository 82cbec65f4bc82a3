// Plain terminal text: no ANSI sequences, no markup. Feed text arrives cleaned (no control or
// bidi override characters, so nothing can move the cursor or reorder the line) and isolated.
// Highlights are shown as *term* unless `highlight: 'none'`.
import { agoLabel, alertTimeLabel, countsLabel, firstSeenLabel, moreLabel, nothingNewLabel, sourcesLabel, titleLabel, whyLabel } from './labels.ts';
import { FSI, PDI, runsOf, type RichText } from './rich-text.ts';
import type { Digest, DigestStory } from './types.ts';

export interface TextOptions {
  highlight?: 'markers' | 'none';
}

export function textRich(r: RichText, opts: TextOptions = {}): string {
  const marks = (opts.highlight ?? 'markers') === 'markers';
  return `${FSI}${runsOf(r)
    .map((run) => (run.mark && marks ? `*${run.text}*` : run.text))
    .join('')}${PDI}`;
}

/** An alert: headline, summary, source and time, why it matched, the link. */
function alertText(d: Digest, s: DigestStory, opts: TextOptions): string[] {
  const out = [textRich(s.headline, opts)];
  if (s.summary.text && s.summary.text !== s.headline.text) out.push(textRich(s.summary, opts));
  out.push(`${FSI}${s.source}${PDI} · ${alertTimeLabel(d, s.latestMs)}`);
  if (s.why && s.why.length > 0) out.push(whyLabel(d, s.why));
  if (s.url) out.push(s.url);
  return out;
}

export function renderText(d: Digest, opts: TextOptions = {}): string {
  if (d.empty) return `${nothingNewLabel(d)}\n`;
  if (d.kind === 'alert') return `${d.stories.map((s) => alertText(d, s, opts).join('\n')).join('\n\n')}\n`;
  const out: string[] = [`${titleLabel(d)}`, countsLabel(d), ''];
  for (const s of d.stories) {
    out.push(`${s.rank}. ${textRich(s.headline, opts)}`);
    if (s.summary.text && s.summary.text !== s.headline.text) out.push(`   ${textRich(s.summary, opts)}`);
    const meta = [`${FSI}${s.source}${PDI}`, agoLabel(d.lang, s.latestMs, d.untilMs)];
    const first = firstSeenLabel(d, s.firstSeenMs);
    if (first) meta.push(first);
    const more = sourcesLabel(d.lang, s.sourceCount, s.languages);
    if (more) meta.push(s.sources.length > 0 ? `${more}: ${s.sources.map((x) => `${FSI}${x.name}${PDI}`).join(', ')}` : more);
    out.push(`   ${meta.join(' · ')}`);
    if (s.url) out.push(`   ${s.url}`);
    out.push('');
  }
  const more = moreLabel(d);
  if (more) out.push(more);
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
