import 'server-only';
import { jsonError } from './http';

/**
 * Multipart framing around the file: boundaries, part headers and the few text fields of our upload forms.
 * Generous so a file just under its cap is never refused for its envelope.
 */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/**
 * The request body in memory, never more than `limit` bytes of it. The declared Content-Length only allows
 * an early refusal: a chunked body has none and a client may lie, so the bytes are counted as they arrive and
 * the stream is cancelled at the first chunk past the limit.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/**
 * The multipart form of an upload whose file may be at most `maxFileBytes`, or the error response to send:
 * 413 FILE_TOO_LARGE (with `tooLargeMessage`) past the cap, 400 BAD_REQUEST when it is not a form. The form
 * is parsed from the bounded buffer, so a huge upload never reaches the multipart parser.
 */
export async function readUploadForm(
  request: Request,
  maxFileBytes: number,
  tooLargeMessage: string,
): Promise<{ form: FormData; response?: never } | { form?: never; response: Response }> {
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, maxFileBytes + MULTIPART_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { response: jsonError(413, 'FILE_TOO_LARGE', tooLargeMessage) };
    return { response: jsonError(400, 'BAD_REQUEST', 'Không đọc được dữ liệu gửi lên.') };
  }
  try {
    const contentType = request.headers.get('content-type') ?? '';
    const form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData();
    return { form };
  } catch {
    return { response: jsonError(400, 'BAD_REQUEST', 'Dữ liệu gửi lên không phải biểu mẫu tệp hợp lệ.') };
  }
}
