/** Attachments: scans and letters. The type is decided by the file's first bytes, not by its name. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { mime: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

export function sniffAttachmentType(data: Uint8Array): string | null {
  for (const s of SIGNATURES) if (s.bytes.every((b, i) => data[i] === b)) return s.mime;
  return null;
}

/** Extensions each accepted type is known by; the first is the one given to a name that lacks one. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
};

const FALLBACK_BASE = 'tep-dinh-kem';

/**
 * The uploader's name with the extension of the file's real type: `x.html` holding a PDF becomes `x.pdf`,
 * so neither the stored name nor a download can pass the bytes off as another type. An extension already
 * naming the type is kept as typed (`scan.PDF`, `anh.jpeg`); a dotted part that is no extension (`bản 2.0`)
 * stays in the name.
 */
export function fileNameForType(fileName: string, mimeType: string): string {
  const known = EXTENSIONS[mimeType] ?? [];
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1) : '';
  const isExtension = /^[A-Za-z0-9]{1,10}$/.test(ext) && /[A-Za-z]/.test(ext);
  const base = (isExtension ? fileName.slice(0, dot) : fileName).trim() || FALLBACK_BASE;
  if (isExtension && known.includes(ext.toLowerCase())) return `${base}.${ext}`;
  return known.length > 0 ? `${base}.${known[0]}` : base;
}
