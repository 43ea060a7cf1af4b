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

export type PdfFontFace = 'regular' | 'bold' | 'italic';

/**
 * The faces as react-pdf's font store is asked for them. Numeric weights: FontFamily.resolve compares a string weight
 * ('bold') with the registered number (700), finds no exact face and falls back to the regular one.
 */
const FACE_DESCRIPTORS = {
  regular: { fontWeight: 400, fontStyle: 'normal' },
  bold: { fontWeight: 700, fontStyle: 'normal' },
  italic: { fontWeight: 400, fontStyle: 'italic' },
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
const loadedFaces: Partial<Record<PdfFontFace, FontkitFont>> = {};

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

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** What textkit and pdfkit read from fontkit's GlyphRun (textkit.js layoutRun, pdfkit EmbeddedFont.layoutRun). */
interface ShapedRun {
  glyphs: unknown[];
  positions: GlyphPosition[];
  advanceWidth: number;
}
type LayoutFn = (text: string, features?: unknown, ...rest: unknown[]) => ShapedRun;

/** Bounded so a long-lived server printing millions of distinct names does not grow without end. */
const LAYOUT_CACHE_LIMIT = 20_000;

/**
 * Shaping a string (fontkit's GSUB/GPOS pass) is the largest single cost of an invoice, and most of what an invoice
 * shapes repeats on every page: labels, headings, tier descriptions, prices, the seller. The shaped run depends only
 * on the string and the features, so it is cached per font. Each caller gets its own glyph array and positions:
 * pdfkit scales the positions it is given in place (EmbeddedFont.layoutRun); glyph objects are never written to.
 */
function copyPosition({ xAdvance, yAdvance, xOffset, yOffset }: GlyphPosition): GlyphPosition {
  return { xAdvance, yAdvance, xOffset, yOffset };
}

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
      run = { glyphs: shaped.glyphs, positions: shaped.positions.map(copyPosition), advanceWidth: shaped.advanceWidth };
      cache.set(text, run);
    }
    return { glyphs: run.glyphs.slice(), positions: run.positions.map(copyPosition), advanceWidth: run.advanceWidth };
  };
}

interface FontkitFont {
  layout: LayoutFn;
  unitsPerEm: number;
  hasGlyphForCodePoint: (codePoint: number) => boolean;
  postscriptName: string | null;
  _tables?: { name?: { records?: object } };
}

const NEWLINE = 0x0a;

/**
 * textkit reads `unitsPerEm` (a getter that walks fontkit's table cache) and `hasGlyphForCodePoint` (a cmap
 * lookup) for every character it lays out; both are constant for a font, so they are answered from memory.
 *
 * The newline is claimed as the font's own. It ends every line but the last of a multi-line Text, and the font has
 * no glyph for it, so textkit would set it in its fallback font, Helvetica: a run of its own on every such line
 * (as costly as a word in bold), a font switch in the page's content and Helvetica among the page's resources.
 * textkit drops a line's closing newline before the line is drawn (textkit.js removeNewLine), so the missing glyph is
 * never drawn; its advance (.notdef's, half an em) still counts when the line is broken.
 */
function memoizeMetrics(font: FontkitFont): void {
  Object.defineProperty(font, 'unitsPerEm', { value: font.unitsPerEm, writable: false, configurable: true });
  const hasGlyph = font.hasGlyphForCodePoint.bind(font);
  const known = new Map<number, boolean>([[NEWLINE, true]]);
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
 * react-pdf calls pdfkit's font() for every run of text it draws, and font() opens the font anew and asks whether it
 * is the one already embedded by JSON-serializing the name tables of both (pdfkit's isEqualFont): kilobytes of
 * copyright and licence text, twice per run, a twentieth of a page's rendering time. A font's name records never
 * change, so they serialize as its PostScript name, which still tells two fonts apart.
 * https://github.com/foliojs/pdfkit/blob/v0.20.1/lib/mixins/fonts.js (font, isEqualFont)
 */
function shortenFontIdentity(font: FontkitFont): void {
  const name = font.postscriptName; // decodes the name table, so the records exist from here on
  const records = font._tables?.name?.records;
  if (name && records && typeof records === 'object' && !Object.hasOwn(records, 'toJSON')) {
    Object.defineProperty(records, 'toJSON', { value: () => name, enumerable: false });
  }
}

/**
 * Registers the fonts and loads them, with shaping cached. Every render awaits it; only the first call does work.
 */
export function loadPdfFonts(): Promise<void> {
  loaded ??= (async () => {
    registerPdfFonts();
    for (const face of Object.keys(FACE_DESCRIPTORS) as PdfFontFace[]) {
      const source = Font.getFont({ fontFamily: FONT_FAMILY, ...FACE_DESCRIPTORS[face] });
      await source.load();
      if (source.data && 'layout' in source.data) {
        const font = source.data as unknown as FontkitFont;
        memoizeLayout(font);
        memoizeMetrics(font);
        shortenFontIdentity(font);
        loadedFaces[face] = font;
      }
    }
  })();
  return loaded;
}

function loadedFace(face: PdfFontFace): FontkitFont | null {
  return loadedFaces[face] ?? null;
}

/**
 * The loaded font of a face, as pdfkit's font() takes it (a parsed fontkit font), for text drawn straight onto a
 * Canvas; the same object react-pdf draws with, so the page embeds the face once. Null until loadPdfFonts resolves.
 */
export function pdfFontFace(face: PdfFontFace): object | null {
  return loadedFace(face);
}

/**
 * The width in points of `text` set on one line in the bundled font, measured with the same shaping the renderer
 * uses, so a layout can know before rendering whether a string fits a box. Null when the fonts are not loaded yet.
 */
export function measureTextWidth(text: string, face: PdfFontFace, fontSize: number): number | null {
  const font = loadedFace(face);
  if (!font) return null;
  return (font.layout(text).advanceWidth * fontSize) / font.unitsPerEm;
}

/** Whether the bundled font has a glyph for every character of `text` (no fallback font would be needed). */
export function hasGlyphsFor(text: string, face: PdfFontFace): boolean {
  const font = loadedFace(face);
  if (!font) return false;
  for (const char of text) if (!font.hasGlyphForCodePoint(char.codePointAt(0)!)) return false;
  return true;
}
