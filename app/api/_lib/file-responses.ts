import 'server-only';
import { contentDisposition } from './http';

/**
 * A visitor's or a clerk's upload, shown inline (`?download=1` saves it). The type was sniffed from the bytes at
 * upload, so the browser must never guess another; opened directly the bytes run with no origin (no scripts against
 * our API, no cookies), and other sites cannot embed them.
 */
export function storedFileResponse(
  request: Request,
  file: { data: Uint8Array; mimeType: string; fileName: string },
): Response {
  const download = new URL(request.url).searchParams.get('download') === '1';
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      'content-type': file.mimeType,
      'content-length': String(file.data.byteLength),
      'content-disposition': contentDisposition(download ? 'attachment' : 'inline', file.fileName),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
}

/** A printed document: shown in the browser, saved with any `?download=` value; never cached (it is per user). */
export function pdfResponse(request: Request, pdf: Uint8Array, fileName: string): Response {
  const download = new URL(request.url).searchParams.get('download');
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(download ? 'attachment' : 'inline', fileName),
      'content-length': String(pdf.byteLength),
      'cache-control': 'no-store',
    },
  });
}
