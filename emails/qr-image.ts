import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import type { InlineImage } from './render';

/** Pixels per QR module: a 41-module code with its quiet zone is ~245 px, sharp at the 200 px it is shown at. */
const SCALE = 5;
/** Standard quiet zone around the symbol, in modules. */
const QUIET_ZONE = 4;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The code as a 1-bit grayscale PNG written here rather than by `qrcode`'s PNG renderer: a bill run mails a
 * million of them, and an RGBA image through pngjs cost ~8 ms each where a bit per pixel costs a fraction of that.
 */
export function qrPngBuffer(payload: string): Buffer {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const size = (modules.size + 2 * QUIET_ZONE) * SCALE;
  const rowBytes = Math.ceil(size / 8);
  const raw = Buffer.alloc((rowBytes + 1) * size, 0);
  for (let y = 0; y < size; y++) {
    const my = Math.floor(y / SCALE) - QUIET_ZONE;
    const row = y * (rowBytes + 1); // first byte of each row: filter 0 (none)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / SCALE) - QUIET_ZONE;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx);
      // Grayscale 1 bit: 1 = white.
      if (!dark) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The VietQR code as a PNG for mail: mail programs do not render SVG or canvas, and many block remote images, so
 * the picture travels inside the message (a related part referenced by cid:).
 */
export async function qrPng(payload: string, cid: string): Promise<InlineImage> {
  return { cid, filename: 'vietqr.png', contentType: 'image/png', content: qrPngBuffer(payload) };
}

/** The src of an inline image: cid: in a sent mail, a data: URL in a preview. */
export function imageSrc(image: InlineImage, mode: 'cid' | 'data'): string {
  return mode === 'cid' ? `cid:${image.cid}` : `data:${image.contentType};base64,${image.content.toString('base64')}`;
}
