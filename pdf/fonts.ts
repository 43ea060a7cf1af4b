import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Font } from '@react-pdf/renderer';

export const FONT_FAMILY = 'Be Vietnam Pro';

const FILES = {
  regular: 'BeVietnamPro-Regular.ttf',
  bold: 'BeVietnamPro-Bold.ttf',
  italic: 'BeVietnamPro-Italic.ttf',
} as const;

/**
 * Where the bundled fonts are. The project root (process.cwd()) is tried first because the Next.js server runs
 * bundled code whose import.meta.url no longer points into pdf/; tsx and vitest also start at the root. The module's
 * own folder is the fallback for a program started elsewhere.
 */
function fontDirectory(): string {
  const candidates = [path.join(process.cwd(), 'pdf', 'fonts')];
  try {
    candidates.push(fileURLToPath(new URL('./fonts/', import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL inside a bundle; the working directory is all there is.
  }
  const found = candidates.find((dir) => existsSync(path.join(dir, FILES.regular)));
  if (!found) throw new Error(`The PDF fonts were not found; looked in: ${candidates.join(', ')}`);
  return found;
}

let registered = false;
let loaded: Promise<void> | null = null;

/** Registers the bundled Vietnamese font once per process; every document calls it before rendering. */
function registerPdfFonts(): void {
  if (registered) return;
  const dir = fontDirectory();
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: path.join(dir, FILES.regular), fontWeight: 'normal', fontStyle: 'normal' },
      { src: path.join(dir, FILES.bold), fontWeight: 'bold', fontStyle: 'normal' },
      { src: path.join(dir, FILES.italic), fontWeight: 'normal', fontStyle: 'italic' },
    ],
  });
  // react-pdf hyphenates with English patterns, which would break Vietnamese syllables ("Hư-ơng"); a syllable is
  // never split, lines break only at spaces.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

/** What textkit reads from fontkit's GlyphRun (textkit.js layoutRun: glyphs and positions). */
interface ShapedRun {
  glyphs: unknown[];
  positions: unknown[];
}
type LayoutFn = (text: string, features?: unknown, ...rest: unknown[]) => ShapedRun;

/** Bounded so a long-lived server printing millions of distinct names does not grow without end. */
const LAYOUT_CACHE_LIMIT = 20_000;

/**
 * Shaping a string (fontkit's GSUB/GPOS pass) is the largest single cost of an invoice, and most of what an invoice
 * shapes repeats on every page: labels, headings, tier descriptions, prices, the seller. The shaped run depends only
 * on the string and the features, so it is cached per font. Safe because textkit copies the positions it scales
 * (textkit.js scalePositions) and the glyph array is copied here; glyph objects are never written to.
 */
function memoizeLayout(font: FontkitFont): void {
  const original = font.layout.bind(font);
  const cache = new Map<string, ShapedRun>();
  font.layout = (text, features, ...rest) => {
    // textkit passes the style's font features (an empty array unless fontFeatureSettings is set) and forces 'ltr'.
    const plain = features === undefined || (Array.isArray(features) && features.length === 0);
    if (!plain || rest.some((arg) => arg !== undefined && arg !== 'ltr')) {
      return original(text, features, ...rest);
    }
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      const shaped = original(text, features, ...rest);
      run = { glyphs: shaped.glyphs, positions: shaped.positions };
      cache.set(text, run);
    }
    return { glyphs: run.glyphs.slice(), positions: run.positions };
  };
}

interface FontkitFont {
  layout: LayoutFn;
  unitsPerEm: number;
  hasGlyphForCodePoint: (codePoint: number) => boolean;
}

/**
 * textkit reads `unitsPerEm` (a getter that walks fontkit's table cache) and `hasGlyphForCodePoint` (a cmap
 * lookup) for every character it lays out; both are constant for a font, so they are answered from memory.
 */
function memoizeMetrics(font: FontkitFont): void {
  Object.defineProperty(font, 'unitsPerEm', { value: font.unitsPerEm, writable: false, configurable: true });
  const hasGlyph = font.hasGlyphForCodePoint.bind(font);
  const known = new Map<number, boolean>();
  font.hasGlyphForCodePoint = (codePoint) => {
    let has = known.get(codePoint);
    if (has === undefined) {
      has = hasGlyph(codePoint);
      known.set(codePoint, has);
    }
    return has;
  };
}

/**
 * Registers the fonts and loads them, with shaping cached. Every render awaits it; only the first call does work.
 */
export function loadPdfFonts(): Promise<void> {
  loaded ??= (async () => {
    registerPdfFonts();
    const faces = [
      { fontWeight: 'normal', fontStyle: 'normal' },
      { fontWeight: 'bold', fontStyle: 'normal' },
      { fontWeight: 'normal', fontStyle: 'italic' },
    ] as const;
    for (const face of faces) {
      const source = Font.getFont({ fontFamily: FONT_FAMILY, ...face });
      await source.load();
      if (source.data && 'layout' in source.data) {
        const font = source.data as unknown as FontkitFont;
        memoizeLayout(font);
        memoizeMetrics(font);
      }
    }
  })();
  return loaded;
}
