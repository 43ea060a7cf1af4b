'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

export interface PartnersSecretProps {
  code: string;
  secret: string;
  /** Added or rotated: the text differs (a rotation stops the old secret at once). */
  reason: 'created' | 'rotated';
  onClose: () => void;
}

/**
 * Shows a partner's new secret, once: the server never answers it again, so closing this dialog without copying
 * it means rotating again.
 */
export function PartnersSecret({ code, secret, reason, onClose }: PartnersSecretProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // Without clipboard access (plain http on another machine), the text stays selectable.
      setCopied('failed');
    }
  }

  return (
    <Dialog
      open
      title={`Khóa bí mật của ${code}`}
      onClose={onClose}
      closeOnBackdrop={false}
      size="md"
      initialFocus="[data-copy-secret]"
      data-testid="partner-secret-dialog"
      footer={
        <Button variant="primary" onClick={onClose} shortcut="Esc" data-testid="partner-secret-close">
          Đã lưu khóa, đóng
        </Button>
      }
    >
      <div className="flex flex-col gap-3 text-sm text-slate-700">
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          Khóa chỉ hiện <strong>một lần</strong>. Hãy sao chép và gửi cho đối tác qua kênh an toàn; sau khi đóng, hệ
          thống không thể hiện lại (chỉ có thể đổi khóa mới).
          {reason === 'rotated' && ' Khóa cũ đã ngừng hoạt động ngay.'}
        </p>
        <div className="flex items-center gap-2">
          <code
            data-testid="partner-secret"
            className="min-w-0 flex-1 select-all break-all rounded-md border border-slate-300 bg-slate-50 px-2.5 py-1.5 font-mono text-sm text-slate-900"
          >
            {secret}
          </code>
          <Button data-copy-secret="" onClick={() => void copy()} data-testid="partner-secret-copy">
            {copied === 'yes' ? 'Đã sao chép' : 'Sao chép'}
          </Button>
        </div>
        {copied === 'failed' && (
          <p role="alert" className="text-xs text-red-600">
            Trình duyệt không cho sao chép tự động: hãy bôi đen khóa và nhấn Ctrl+C.
          </p>
        )}
        <p className="text-xs text-slate-500">
          Mỗi yêu cầu của đối tác gửi kèm X-Partner-Id: {code}, X-Timestamp (giây Unix) và X-Signature = HMAC-SHA256
          (hex chữ thường) của «timestamp.nội dung yêu cầu» với khóa này.
        </p>
      </div>
    </Dialog>
  );
}
