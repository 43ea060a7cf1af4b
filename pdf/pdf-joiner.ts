/**
 * Joins PDFs into one, writing each part's objects to the output as soon as it arrives, so memory holds one part at
 * a time plus an offset per object: a 2,000-page book costs what a 100-page chunk costs.
 *
 * pdf-lib's own PDFDocument.copyPages + save() would keep every copied page in memory until the end. Here pdf-lib
 * only parses a part and renumbers its objects (PDFObjectCopier into a context whose numbering starts after the
 * objects already written); the file structure around them (page tree, catalog, xref table, trailer) is written
 * by hand at the end, which is all a classic PDF file needs.
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { PDFContext, PDFDocument, PDFHexString, PDFName, PDFObjectCopier, PDFRef, type PDFObject } from 'pdf-lib';

/** Object numbers reserved for what is written last and referred to by every page. */
const PAGES_ROOT = 1;
const CATALOG = 2;
const INFO = 3;

function encode(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

function serialize(object: PDFObject): Buffer {
  const bytes = Buffer.allocUnsafe(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
}

function writeChunk(out: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    out.once('error', onError);
    const flushed = out.write(chunk, (err) => {
      if (err) reject(err);
    });
    const done = () => {
      out.off('error', onError);
      resolve();
    };
    if (flushed) done();
    else out.once('drain', done);
  });
}

export class PdfJoiner {
  private readonly out: Writable;
  private readonly title: string | undefined;
  /** offsets[n] = byte offset of object n; the reserved 1–3 stay 0 until finish() writes them. */
  private readonly offsets: number[] = [0, 0, 0, 0];
  private readonly pageRefs: number[] = [];
  private position = 0;
  private started = false;
  private finished = false;

  constructor(out: Writable, options: { title?: string } = {}) {
    this.out = out;
    this.title = options.title;
  }

  get pageCount(): number {
    return this.pageRefs.length;
  }

  /** Appends every page of `pdf` to the output; resolves once its bytes are handed to the stream. */
  async append(pdf: Uint8Array): Promise<number> {
    if (this.finished) throw new Error('PdfJoiner: append after finish');
    const parts: Buffer[] = [];
    let size = 0;
    const push = (b: Buffer) => {
      parts.push(b);
      size += b.length;
    };
    if (!this.started) {
      // The second line's high bytes tell transfer tools the file is binary (PDF 32000-1, 7.5.2).
      push(Buffer.from([...encode('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
      this.started = true;
    }

    const source = await PDFDocument.load(pdf, { updateMetadata: false });
    const target = PDFContext.create();
    const base = this.offsets.length - 1;
    target.largestObjectNumber = base;
    const copier = PDFObjectCopier.for(source.context, target);
    const parentRef = PDFRef.of(PAGES_ROOT);
    for (const page of source.getPages()) {
      const copied = copier.copy(page.node);
      copied.set(PDFName.of('Parent'), parentRef);
      this.pageRefs.push(target.register(copied).objectNumber);
    }

    const objects = new Map<number, PDFObject>();
    for (const [ref, object] of target.enumerateIndirectObjects()) objects.set(ref.objectNumber, object);
    for (let n = base + 1; n <= target.largestObjectNumber; n++) {
      this.offsets[n] = this.position + size;
      const object = objects.get(n);
      // A number the copier reserved but never filled still needs an entry in the xref table.
      const body = object ? serialize(object) : encode('null');
      push(encode(`${n} 0 obj\n`));
      push(body);
      push(encode('\nendobj\n'));
    }

    await this.write(Buffer.concat(parts, size));
    return source.getPageCount();
  }

  /** Writes the page tree, catalog, xref table and trailer; the caller ends the stream. */
  async finish(): Promise<{ pages: number; bytes: number }> {
    if (this.finished) throw new Error('PdfJoiner: finish called twice');
    this.finished = true;
    if (!this.started) throw new Error('PdfJoiner: nothing to join');
    const parts: Buffer[] = [];
    let size = 0;
    const object = (n: number, body: string) => {
      this.offsets[n] = this.position + size;
      const b = encode(`${n} 0 obj\n${body}\nendobj\n`);
      parts.push(b);
      size += b.length;
    };
    object(
      PAGES_ROOT,
      `<< /Type /Pages /Count ${this.pageRefs.length} /Kids [${this.pageRefs.map((n) => `${n} 0 R`).join(' ')}] >>`,
    );
    object(CATALOG, `<< /Type /Catalog /Pages ${PAGES_ROOT} 0 R >>`);
    const title = this.title ? ` /Title ${PDFHexString.fromText(this.title).toString()}` : '';
    object(INFO, `<< /Producer (capnuoc)${title} >>`);

    const xrefAt = this.position + size;
    const lines = [`xref\n0 ${this.offsets.length}\n`, '0000000000 65535 f \n'];
    for (let n = 1; n < this.offsets.length; n++) {
      lines.push(`${String(this.offsets[n]).padStart(10, '0')} 00000 n \n`);
    }
    const id = randomBytes(16).toString('hex');
    lines.push(
      `trailer\n<< /Size ${this.offsets.length} /Root ${CATALOG} 0 R /Info ${INFO} 0 R /ID [<${id}> <${id}>] >>\n`,
      `startxref\n${xrefAt}\n%%EOF\n`,
    );
    const tail = encode(lines.join(''));
    parts.push(tail);
    size += tail.length;
    await this.write(Buffer.concat(parts, size));
    return { pages: this.pageRefs.length, bytes: this.position };
  }

  private async write(chunk: Buffer): Promise<void> {
    await writeChunk(this.out, chunk);
    this.position += chunk.length;
  }
}
