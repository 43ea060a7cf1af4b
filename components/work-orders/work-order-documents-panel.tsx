'use client';

import { useRef, useState } from 'react';
import { fmtBytes, fmtDateTime } from '@/components/customers/format';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import { PORTAL_MAX_FILE_BYTES } from '@/domain/portal/upload-type';
import { WORK_ORDER_DOCUMENT_KINDS } from '@/domain/work-orders/kinds';
import { documentKindLabel } from './work-order-format';

export interface WorkOrderDocumentRow {
  id: number;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedByName: string | null;
}

const MAX_BYTES = PORTAL_MAX_FILE_BYTES;
const ALLOWED = /\.(pdf|jpe?g|png|webp)$/i;

const workOrderDocumentHref = (id: number) => `/api/work-order-documents/${id}`;

/**
 * Sends one file to the route handler (multipart is not GraphQL). Throws the server's Vietnamese message; the
 * screen refreshes the request afterwards.
 */
export async function uploadWorkOrderDocument(workOrderId: number, file: File, kind: string): Promise<void> {
  const form = new FormData();
  form.set('file', file);
  form.set('kind', kind);
  let res: Response;
  try {
    res = await fetch(`/api/work-orders/${workOrderId}/documents`, { method: 'POST', body: form });
  } catch {
    throw new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  throw new Error(body?.message ?? body?.error?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
}

/** The papers of a request: open each one; upload another (PDF, JPEG, PNG up to 10 MB) when the user may. */
export function WorkOrderDocumentsPanel({
  documents,
  canUpload,
  onUpload,
}: {
  documents: readonly WorkOrderDocumentRow[];
  canUpload: boolean;
  /** Uploads and refreshes; rejects with the message to show. */
  onUpload: (file: File, kind: string) => Promise<void>;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState('OTHER');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function pick(f: File | null) {
    setError(null);
    setFile(f);
    if (!f) return;
    if (!ALLOWED.test(f.name)) setError('Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.');
    else if (f.size > MAX_BYTES) setError(`Tệp ${fmtBytes(f.size)} vượt quá 10 MB.`);
    else if (f.size === 0) setError('Tệp rỗng.');
  }

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return setError('Chọn tệp cần tải lên.');
    if (error || busy) return;
    setBusy(true);
    try {
      await onUpload(file, kind);
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Không tải lên được tệp.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      {documents.length === 0 ? (
        <EmptyState title="Chưa có tài liệu" className="py-4" />
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="work-order-documents">
          {documents.map((d) => (
            <li key={d.id} className="flex items-center gap-3 py-1.5" data-testid="work-order-document">
              <a
                href={workOrderDocumentHref(d.id)}
                target="_blank"
                rel="noopener"
                className="min-w-0 flex-1 truncate text-brand-700 underline"
              >
                {d.fileName}
              </a>
              <span className="text-xs text-slate-500">{documentKindLabel(d.kind)}</span>
              <span className="text-xs tabular-nums text-slate-500">{fmtBytes(d.sizeBytes)}</span>
              <span className="text-xs text-slate-500">
                {fmtDateTime(d.uploadedAt)}
                {d.uploadedByName ? ` · ${d.uploadedByName}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <form
          onSubmit={upload}
          className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-2"
          data-testid="work-order-upload"
        >
          <FormField label="Tệp (PDF, JPEG, PNG, WebP ≤ 10 MB)" name="file" error={error}>
            {(ids) => (
              <input
                {...ids}
                ref={fileRef}
                type="file"
                accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
                data-testid="field-file"
                onChange={(e) => pick(e.target.files?.[0] ?? null)}
                className="w-full min-w-0 text-sm"
              />
            )}
          </FormField>
          <FormField label="Loại tài liệu" name="documentKind">
            {(ids) => (
              <select
                {...ids}
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                data-testid="field-documentKind"
                className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                {WORK_ORDER_DOCUMENT_KINDS.filter((k) => k !== 'QUOTE').map((k) => (
                  <option key={k} value={k}>
                    {documentKindLabel(k)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <Button type="submit" variant="primary" disabled={busy || !file} data-testid="upload-document">
            {busy ? 'Đang tải lên…' : 'Tải lên'}
          </Button>
        </form>
      )}
    </div>
  );
}
