import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { entryDataOffset, readZipDirectory } from '@/domain/files/zip-directory';

/** Every entry of a zip (an .xlsx), inflated: lets a test rewrite one part of a real workbook. */
export function unzip(file: Uint8Array): Map<string, Buffer> {
  const dir = readZipDirectory(file);
  if (!dir.ok) throw new Error(`not a zip: ${dir.reason}`);
  const out = new Map<string, Buffer>();
  for (const e of dir.entries) {
    const start = entryDataOffset(file, e)!;
    const data = file.subarray(start, start + e.compressedSize);
    out.set(e.name, e.method === 0 ? Buffer.from(data) : inflateRawSync(data));
  }
  return out;
}

/** A deflated zip of `files`, in order; `claimSize` lets a test lie about an entry's inflated size. */
export function zip(
  files: Map<string, Uint8Array>,
  claimSize: (name: string, size: number) => number = (_, s) => s,
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const size = claimSize(name, data.byteLength);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.byteLength + packed.byteLength;
  }
  const centralSize = centrals.reduce((s, b) => s + b.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
