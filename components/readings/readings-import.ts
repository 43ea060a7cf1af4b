/**
 * The Excel import and template of the entry sheet: plain route handlers (a multipart upload and a file
 * download), not GraphQL, so they are called with fetch rather than through the client cache.
 */

/** One refused row of an import, as POST /api/readings/import answers it. */
interface ImportRowError {
  /** Excel row number (1-based, as Excel shows it); 0 for errors about the whole file. */
  row: number;
  customerCode: string | null;
  field: string | null;
  message: string;
}

/** The answer of POST /api/readings/import (app/api/readings/import/route.ts). */
export interface ImportResult {
  /** Whether readings were written. */
  applied: boolean;
  totalRows: number;
  validRows: number;
  errorRows: number;
  /** Rows without an index nor a code: left unread. */
  blankRows: number;
  saved: number;
  /** Saved readings flagged as anomalies. */
  anomalies: number;
  errors: ImportRowError[];
}

export function templateUrl(bookId: number, period: string): string {
  return `/api/readings/template?bookId=${bookId}&period=${encodeURIComponent(period)}`;
}

/** Posts the file to the import route; throws the server's Vietnamese message. */
export async function importReadingsFile(input: {
  file: File;
  bookId: number;
  period: string;
  acceptValid: boolean;
}): Promise<ImportResult> {
  const form = new FormData();
  form.set('file', input.file);
  form.set('bookId', String(input.bookId));
  form.set('period', input.period);
  form.set('acceptValid', input.acceptValid ? '1' : '0');
  let res: Response;
  try {
    res = await fetch('/api/readings/import', { method: 'POST', body: form });
  } catch {
    throw new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
  }
  const body = (await res.json().catch(() => null)) as (ImportResult & { message?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
  return body;
}
