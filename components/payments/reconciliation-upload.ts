/**
 * The partner file upload: a plain route handler (POST /api/payments/reconciliations), not GraphQL, since a file is
 * no GraphQL argument. The answer's shape is services/payments/reconciliation.service.ts's ReconciliationImport.
 */

const RECONCILIATION_FILE_MAX_BYTES = 5 * 1024 * 1024;

interface ReconciliationTotals {
  partnerPaid: number;
  partnerReversed: number;
  ourPosted: number;
  /** null: no transfer naming the partner reached our account that day (yet). */
  bankCredit: number | null;
}

export interface ReconciliationUploadResult {
  alreadyImported: boolean;
  reconciliation: {
    id: number;
    partnerCode: string;
    businessDay: string;
    fileName: string;
    matched: number;
    exceptions: number;
    openExceptions: number;
  };
  totals: ReconciliationTotals;
}

/** Posts the file; resolves with the reconciliation or rejects with the server's Vietnamese message. */
export async function uploadReconciliation(input: {
  file: File;
  partnerId: number;
  day: string;
}): Promise<ReconciliationUploadResult> {
  if (input.file.size > RECONCILIATION_FILE_MAX_BYTES) throw new Error('Tệp đối soát vượt quá 5 MB.');
  const form = new FormData();
  form.set('file', input.file);
  form.set('partnerId', String(input.partnerId));
  form.set('day', input.day);
  let res: Response;
  try {
    res = await fetch('/api/payments/reconciliations', { method: 'POST', body: form });
  } catch {
    throw new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
  }
  const body = (await res.json().catch(() => null)) as (ReconciliationUploadResult & { message?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
  return body;
}
