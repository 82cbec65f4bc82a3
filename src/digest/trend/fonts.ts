// The fonts a chart is drawn with, shipped as npm packages so that the picture never depends on
// the machine's fonts: Noto Sans (Latin) and Noto Sans Arabic, which has no Latin letters, so
// every font string lists both and each character finds its glyphs.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { RaqibError } from '../../core/errors.ts';

export const FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic'";

let registered = false;

function fontFile(pkg: string, file: string): string {
  // The packages export only their CSS; their LICENSE is exported and sits next to files/.
  const root = dirname(createRequire(import.meta.url).resolve(`${pkg}/LICENSE`));
  return join(root, 'files', file);
}

/** Registers the fonts once per process; throws when a font file is missing (a broken install). */
export function ensureFonts(): void {
  if (registered) return;
  const files: [string, string, string][] = [];
  for (const w of [400, 700]) {
    files.push(['@fontsource/noto-sans', `noto-sans-latin-${w}-normal.woff2`, 'Noto Sans']);
    files.push(['@fontsource/noto-sans-arabic', `noto-sans-arabic-arabic-${w}-normal.woff2`, 'Noto Sans Arabic']);
  }
  for (const [pkg, file, family] of files) {
    const path = fontFile(pkg, file);
    if (!GlobalFonts.registerFromPath(path, family)) throw new RaqibError('INTERNAL', `cannot load chart font ${path}`);
  }
  registered = true;
}
