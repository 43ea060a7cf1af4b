'use client';

import { useId, useState } from 'react';
import { useClient } from 'urql';
import { PORTAL_MAX_FILE_BYTES, PORTAL_MAX_FILES_PER_UPLOAD } from '@/domain/portal/upload-type';
import { WORK_ORDER_DOCUMENT_KIND_LABELS } from '@/domain/work-orders/kinds';
import { fetchPortalChallenge } from './proof-of-work';

export type PortalDocumentKind = 'CITIZEN_ID' | 'LAND_PAPER' | 'RESIDENCE' | 'PHOTO' | 'OTHER';

export interface UploadedDocument {
  token: string;
  kind: PortalDocumentKind;
  fileName: string;
  sizeBytes: number;
}

const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp';
const fmtSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.ceil(bytes / 1024)} KB`;

/**
 * Uploads papers and photos for a portal request as soon as they are chosen (POST /api/portal/uploads, with a fresh
 * challenge as its X-Portal-Token), and keeps the tokens the form submits. Size and count are checked here first to
 * spare a phone the upload; the server checks them again, and the type by the file's bytes.
 */
export function DocumentUpload({
  kinds,
  value,
  onChange,
  max = 10,
}: {
  kinds: readonly PortalDocumentKind[];
  value: readonly UploadedDocument[];
  onChange: (documents: UploadedDocument[]) => void;
  max?: number;
}) {
  const client = useClient();
  const id = useId();
  const [kind, setKind] = useState<PortalDocumentKind>(kinds[0] ?? 'OTHER');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(files: File[]) {
    setError(null);
    if (files.length === 0) return;
    if (files.length > PORTAL_MAX_FILES_PER_UPLOAD) {
      setError(`Mỗi lần chọn tối đa ${PORTAL_MAX_FILES_PER_UPLOAD} tệp.`);
      return;
    }
    if (value.length + files.length > max) {
      setError(`Mỗi yêu cầu đính kèm tối đa ${max} tệp.`);
      return;
    }
    const tooLarge = files.find((f) => f.size > PORTAL_MAX_FILE_BYTES);
    if (tooLarge) {
      setError(`Tệp “${tooLarge.name}” vượt quá 10 MB. Vui lòng chụp lại với độ phân giải thấp hơn.`);
      return;
    }
    setBusy(true);
    try {
      const { challenge } = await fetchPortalChallenge(client);
      const form = new FormData();
      for (const f of files) form.append('file', f, f.name);
      const res = await fetch('/api/portal/uploads', {
        method: 'POST',
        body: form,
        headers: { 'x-portal-token': challenge },
      });
      const body = (await res.json().catch(() => null)) as {
        files?: { token: string; fileName: string; sizeBytes: number }[];
        message?: string;
      } | null;
      if (!res.ok || !body?.files) {
        setError(body?.message ?? 'Không tải được tệp lên, vui lòng thử lại.');
        return;
      }
      onChange([...value, ...body.files.map((f) => ({ ...f, kind }))]);
    } catch {
      setError('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="document-upload">
      <div className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-end">
        <div>
          <label htmlFor={`${id}-kind`} className="block text-sm font-medium text-slate-800">
            Loại giấy tờ
          </label>
          <select
            id={`${id}-kind`}
            data-testid="document-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as PortalDocumentKind)}
            className="mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base"
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {WORK_ORDER_DOCUMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <label
          className={`inline-flex cursor-pointer items-center justify-center rounded-lg border border-brand-600 px-4 py-2.5 text-base font-medium text-brand-700 hover:bg-brand-50 ${busy ? 'pointer-events-none opacity-60' : ''}`}
        >
          {busy ? 'Đang tải lên…' : 'Chọn tệp (PDF, ảnh)'}
          <input
            type="file"
            accept={ACCEPT}
            multiple
            data-testid="document-file"
            className="sr-only"
            disabled={busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void upload(files);
            }}
          />
        </label>
      </div>
      <p className="text-xs text-slate-500">
        PDF hoặc ảnh JPEG, PNG, WebP; mỗi tệp tối đa 10 MB, mỗi lần tối đa {PORTAL_MAX_FILES_PER_UPLOAD} tệp.
      </p>
      {error && (
        <p role="alert" data-testid="document-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {value.length > 0 && (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-slate-50"
          data-testid="documents"
        >
          {value.map((d, i) => (
            <li key={d.token} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <span className="min-w-0">
                <span className="block truncate font-medium text-slate-800" data-testid="document-name">
                  {d.fileName}
                </span>
                <span className="text-slate-500">
                  {WORK_ORDER_DOCUMENT_KIND_LABELS[d.kind]} · {fmtSize(d.sizeBytes)}
                </span>
              </span>
              <button
                type="button"
                className="shrink-0 rounded px-2 py-1 text-red-700 hover:bg-red-50"
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                Bỏ
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
