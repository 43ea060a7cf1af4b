import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of each page (or of the 1-based pages listed in `only`, the others left ''), as pdf.js extracts it. Items are joined without separators: pdf.js splits a run wherever
 * the font kerns ("1C26TAA" arrives as "1" + "C26TAA") and gives spaces as items of their own.
 */
export async function extractPdfPages(pdf: Uint8Array, only?: readonly number[]): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (only && !only.includes(n)) {
        pages.push('');
        continue;
      }
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Width and height in points of each page (its MediaBox). */
export async function pdfPageSizes(pdf: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
  try {
    const sizes: { width: number; height: number }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const [x0, y0, x1, y1] = (await doc.getPage(n)).view as [number, number, number, number];
      sizes.push({ width: x1 - x0, height: y1 - y0 });
    }
    return sizes;
  } finally {
    await doc.destroy();
  }
}
