/**
 * The statement upload: a plain route handler (POST /api/payments/bank-statements), not GraphQL. Sent with
 * XMLHttpRequest rather than fetch because only XHR reports upload progress in every browser.
 */

/** A statement line that was not taken, as the route answers it. */
interface StatementRejection {
  /** Row in the file (the Excel row number). */
  row: number;
  externalId: string | null;
  reason: string;
}

/** The answer of POST /api/payments/bank-statements (app/api/payments/bank-statements/route.ts). */
export interface StatementImportResult {
  format: 'xlsx' | 'csv';
  account: string;
  lines: number;
  matched: number;
  suspense: number;
  duplicate: number;
  rejected: number;
  skippedDebits: number;
  matchedAmount: number;
  suspenseAmount: number;
  rejections: StatementRejection[];
}

export type UploadProgress = { phase: 'uploading'; percent: number } | { phase: 'processing' };

export const STATEMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Posts the file; reports progress; resolves with the counts or rejects with the server's Vietnamese message. */
export function uploadStatement(file: File, onProgress: (p: UploadProgress) => void): Promise<StatementImportResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.set('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/payments/bank-statements');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'uploading', percent: Math.round((e.loaded / e.total) * 100) });
    };
    // Every byte is sent: the server now reads the lines and matches them, which the bar cannot measure.
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.'));
    xhr.onload = () => {
      const body = xhr.response as (StatementImportResult & { message?: string }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body);
      else reject(new Error(body?.message ?? `Máy chủ trả lời lỗi ${xhr.status}.`));
    };
    onProgress({ phase: 'uploading', percent: 0 });
    xhr.send(form);
  });
}
