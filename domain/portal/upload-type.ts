/**
 * Documents a visitor may attach to a portal request: PDF scans and photos. The type is read from the file's first
 * bytes, never from its name or the browser's Content-Type, so an HTML page or a script renamed `cccd.jpg` is refused.
 */
export const PORTAL_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const PORTAL_MAX_FILES_PER_UPLOAD = 5;
/** Documents one request may carry (two uploads' worth). */
export const PORTAL_MAX_DOCUMENTS = 10;

export type PortalUploadType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';

const EXTENSION: Record<PortalUploadType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => data[at + i] === b);

export function sniffPortalUpload(data: Uint8Array): PortalUploadType | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size> WEBP
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/**
 * The name kept with the document: the visitor's name without path separators or control characters, cut to 100
 * characters, with the extension of the real type. It is only ever shown and offered as a download name; storage
 * keys are made by the server.
 */
export function portalFileName(raw: string, type: PortalUploadType): string {
  const cleaned = raw.replace(/[\u0000-\u001f\u007f\\/]/g, '_').trim();
  const dot = cleaned.lastIndexOf('.');
  const base = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, 90).trim() || 'tai-lieu';
  return `${base}.${EXTENSION[type]}`;
}
