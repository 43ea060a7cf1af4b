/**
 * The central directory of a zip archive (an .xlsx is one): what each entry claims to hold, read from the
 * end of the file without inflating anything, so an import can refuse a zip bomb before a parser opens it.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused by the callers. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** Values a zip64 archive puts in the 32-bit fields; an import never needs zip64, so it is refused. */
const ZIP64_MARK_16 = 0xffff;
const ZIP64_MARK_32 = 0xffffffff;

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; reason: 'not-zip' | 'zip64' };

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  if (bytes.byteLength < EOCD_MIN) return { ok: false, reason: 'not-zip' };
  let eocd = -1;
  const lowest = Math.max(0, bytes.byteLength - EOCD_MIN - MAX_COMMENT);
  for (let at = bytes.byteLength - EOCD_MIN; at >= lowest; at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not-zip' };
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  if (count === ZIP64_MARK_16 || size === ZIP64_MARK_32 || offset === ZIP64_MARK_32)
    return { ok: false, reason: 'zip64' };
  if (offset + size > eocd) return { ok: false, reason: 'not-zip' };

  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) return { ok: false, reason: 'not-zip' };
    const nameLength = u16(bytes, at + 28);
    const entry: ZipEntry = {
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      uncompressedSize: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (
      entry.compressedSize === ZIP64_MARK_32 ||
      entry.uncompressedSize === ZIP64_MARK_32 ||
      entry.localHeaderOffset === ZIP64_MARK_32
    ) {
      return { ok: false, reason: 'zip64' };
    }
    entries.push(entry);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return { ok: true, entries };
}

/** Where an entry's compressed bytes start, after its local header; null when the header is not there. */
export function entryDataOffset(bytes: Uint8Array, entry: ZipEntry): number | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || u32(bytes, at) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  return start + entry.compressedSize <= bytes.byteLength ? start : null;
}
