/**
 * Refuses an .xlsx whose content would be expensive to open, before exceljs sees it. A workbook is a zip:
 * a few MB can inflate to hundreds of MB of sheet XML (exceljs then spends seconds and gigabytes building
 * every cell). The central directory gives each entry's claimed size; every entry is then inflated with
 * that claim as a hard ceiling (a lying directory cannot make it allocate more), and the rows of the
 * worksheets are counted on the inflated XML.
 */
import { inflateRawSync } from 'node:zlib';
import { entryDataOffset, readZipDirectory } from '@/domain/files/zip-directory';
import { AppError } from '@/services/errors';

export interface XlsxBudget {
  /** Data rows allowed, as the user is told; rows over every worksheet together (exceljs loads them all). */
  maxRows: number;
  /** Rows beyond `maxRows` a template needs anyway: title, header, the codes sheet. */
  slackRows: number;
  /** Sum of the inflated sizes of every entry. */
  maxUncompressedBytes: number;
}

/** More entries than any workbook of ours has; bounds the work on a directory of a million empty files. */
const MAX_ENTRIES = 500;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
// Excel writes `<row ...>`; other producers may prefix the namespace (`<x:row ...>`).
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;

const invalidFile = () => new AppError('INVALID_FILE', 'Tệp không phải là tệp Excel (.xlsx) hợp lệ.');

function tooManyRows(maxRows: number) {
  return new AppError(
    'FILE_TOO_LARGE',
    `Tệp Excel có quá nhiều dòng: mỗi tệp tối đa ${maxRows.toLocaleString('vi-VN')} dòng.`,
  );
}

function tooBig(maxBytes: number) {
  const mb = Math.floor(maxBytes / (1024 * 1024));
  return new AppError(
    'FILE_TOO_LARGE',
    `Nội dung tệp Excel quá lớn sau khi giải nén (tối đa ${mb} MB): hãy chia thành nhiều tệp.`,
  );
}

function inflateEntry(file: Uint8Array, start: number, compressedSize: number, method: number, size: number): Buffer {
  const data = file.subarray(start, start + compressedSize);
  if (method === 0) {
    if (compressedSize !== size) throw invalidFile();
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  if (method !== 8) throw invalidFile();
  let out: Buffer;
  try {
    // One byte of room past the claim tells a lying directory from an honest one.
    out = inflateRawSync(data, { maxOutputLength: size + 1 });
  } catch {
    throw invalidFile();
  }
  if (out.byteLength !== size) throw invalidFile();
  return out;
}

export function assertXlsxWithin(file: Uint8Array, budget: XlsxBudget): void {
  const directory = readZipDirectory(file);
  if (!directory.ok) throw directory.reason === 'zip64' ? tooBig(budget.maxUncompressedBytes) : invalidFile();
  const { entries } = directory;
  if (entries.length > MAX_ENTRIES) throw invalidFile();
  const claimed = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (claimed > budget.maxUncompressedBytes) throw tooBig(budget.maxUncompressedBytes);

  let rows = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    const start = entryDataOffset(file, entry);
    if (start === null) throw invalidFile();
    const xml = inflateEntry(file, start, entry.compressedSize, entry.method, entry.uncompressedSize);
    if (!WORKSHEET.test(entry.name)) continue;
    rows += xml.toString('latin1').match(ROW_TAG)?.length ?? 0;
    if (rows > budget.maxRows + budget.slackRows) throw tooManyRows(budget.maxRows);
  }
}
