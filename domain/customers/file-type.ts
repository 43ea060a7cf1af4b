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
