'use client';

import { useRef, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField, TextField } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/graphql/errors';
import { CUSTOMER_TYPENAMES, DeleteAttachmentMutation, type Attachment } from './customer-documents';
import { fmtBytes, fmtDateTime } from './format';

const MAX_BYTES = 10 * 1024 * 1024;
const ALLOWED = /\.(pdf|jpe?g|png|tiff?)$/i;
/**
 * Uploads through the route handler: a file is multipart, not GraphQL, so this one request is outside the cache
 * (the panel refreshes the customer afterwards). Throws the server's Vietnamese message.
 */
async function uploadAttachment(customerId: number, file: File, title: string): Promise<{ fileName: string }> {
  const form = new FormData();
  form.set('file', file);
  form.set('title', title);
  let res: Response;
  try {
    res = await fetch(`/api/customers/${customerId}/attachments`, { method: 'POST', body: form });
  } catch {
    throw new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
  }
  const body = (await res.json().catch(() => null)) as { fileName?: string; message?: string } | null;
  if (!res.ok || !body?.fileName) throw new Error(body?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
  return { fileName: body.fileName };
}

const KIND: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
};

export function AttachmentsTab({
  customerId,
  attachments,
  canEdit,
  onChanged,
}: {
  customerId: number;
  attachments: readonly Attachment[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The upload is a multipart request outside the GraphQL cache, so its progress is the one flag kept here.
  const [busy, setBusy] = useState(false);
  const [, removeAttachment] = useMutation(DeleteAttachmentMutation);

  function pick(f: File | null) {
    setError(null);
    setFile(f);
    if (!f) return;
    if (!ALLOWED.test(f.name)) setError('Chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF.');
    else if (f.size > MAX_BYTES) setError(`Tệp ${fmtBytes(f.size)} vượt quá 10 MB.`);
    else if (f.size === 0) setError('Tệp đính kèm rỗng.');
  }

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) {
      setError('Chọn tệp cần đính kèm.');
      return;
    }
    if (error) return;
    setBusy(true);
    try {
      const a = await uploadAttachment(customerId, file, title.trim());
      toast.success(`Đã đính kèm ${a.fileName}.`);
      setFile(null);
      setTitle('');
      if (fileRef.current) fileRef.current.value = '';
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Không tải lên được tệp.');
    } finally {
      setBusy(false);
    }
  }

  async function remove(a: Attachment) {
    const ok = await confirm({
      title: 'Xóa tài liệu',
      message: (
        <>
          Xóa tài liệu <strong>{a.title || a.fileName}</strong>? Thao tác này không hoàn tác được.
        </>
      ),
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    const result = await removeAttachment({ id: a.id }, CUSTOMER_TYPENAMES);
    if (result.error) return toast.error(errorMessage(result.error, 'Không xóa được tài liệu.'));
    toast.success(`Đã xóa ${a.fileName}.`);
    onChanged();
  }

  return (
    <div className="space-y-4">
      {canEdit && (
        <form
          onSubmit={upload}
          className="grid grid-cols-[2fr_2fr_auto] items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-3"
          data-testid="attachment-upload-form"
        >
          <FormField label="Tệp (PDF, JPEG, PNG, TIFF ≤ 10 MB)" name="file" error={error}>
            {(ids) => (
              <input
                {...ids}
                ref={fileRef}
                type="file"
                name="file"
                accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
                data-testid="attachment-file"
                onChange={(e) => pick(e.target.files?.[0] ?? null)}
                className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
              />
            )}
          </FormField>
          <TextField
            label="Tiêu đề"
            name="attachmentTitle"
            placeholder="VD: Hợp đồng gốc bản quét"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
          <Button type="submit" variant="primary" disabled={busy || !file || !!error} data-testid="attachment-upload">
            {busy ? 'Đang tải lên…' : 'Tải lên'}
          </Button>
        </form>
      )}
      {attachments.length === 0 ? (
        <EmptyState
          title="Chưa có tài liệu đính kèm"
          description="Hợp đồng gốc, thông báo, văn bản của khách hàng có thể lưu tại đây."
        />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="attachment-list">
          {attachments.map((a) => (
            <li key={a.id} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="attachment-row">
              <span className="w-12 shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-center text-xs font-semibold text-slate-600">
                {KIND[a.mimeType] ?? 'Tệp'}
              </span>
              <div className="min-w-0 flex-1">
                <div className="truncate font-medium text-slate-800">{a.title || a.fileName}</div>
                <div className="truncate text-xs text-slate-500">
                  {a.fileName} · {fmtBytes(a.sizeBytes)} · {fmtDateTime(a.uploadedAt)}
                </div>
              </div>
              <a
                href={a.url}
                target="_blank"
                rel="noreferrer"
                className="text-brand-700 hover:underline"
                data-testid="attachment-view"
              >
                Xem
              </a>
              <a
                href={`${a.url}?download=1`}
                className="text-brand-700 hover:underline"
                data-testid="attachment-download"
              >
                Tải về
              </a>
              {canEdit && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-red-700"
                  onClick={() => remove(a)}
                  data-testid="attachment-delete"
                >
                  Xóa
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {confirmElement}
    </div>
  );
}
