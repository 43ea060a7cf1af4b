'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, TextField } from '@/components/ui/form-field';
import { invoiceFiles } from './invoice-format';

/**
 * A PDF shown in the browser's own viewer before printing (its toolbar prints and saves), with the same file
 * one click away in a new tab for a printer the embedded viewer does not reach.
 */
export function PdfPreviewDialog({
  title,
  description,
  url,
  onClose,
  onSave,
  children,
}: {
  title: string;
  description?: string;
  url: string | null;
  onClose: () => void;
  /** Alt+S in the dialog (the book dialog: show the preview of the range typed). */
  onSave?: () => void;
  /** Fields above the preview (the book's sequence range). */
  children?: React.ReactNode;
}) {
  return (
    <Dialog
      open
      title={title}
      description={description}
      onClose={onClose}
      onSave={onSave}
      size="xl"
      data-testid="pdf-preview-dialog"
      footer={
        <>
          {url && (
            <a
              href={url}
              target="_blank"
              rel="noopener"
              data-testid="pdf-open-tab"
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Mở trong tab mới
            </a>
          )}
          <Button onClick={onClose}>Đóng</Button>
        </>
      }
    >
      {children}
      {url ? (
        <iframe
          key={url}
          src={url}
          title={title}
          data-testid="pdf-frame"
          className="h-[60vh] w-full rounded border border-slate-200 bg-slate-100"
        />
      ) : (
        <p className="py-10 text-center text-sm text-slate-500">
          Để trống để in cả sổ, hoặc nhập khoảng số thứ tự; rồi bấm “Xem trước” (Alt+S).
        </p>
      )}
    </Dialog>
  );
}

function seqValue(text: string): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,6}$/.test(t) && Number(t) > 0 ? Number(t) : 'bad';
}

/** "In sổ": the book's invoices of the period in sequence order as one PDF, optionally a sequence range or copy 2. */
export function BookPrintDialog({
  bookId,
  bookLabel,
  period,
  onClose,
}: {
  bookId: number;
  bookLabel: string;
  period: string;
  onClose: () => void;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [copy2, setCopy2] = useState(false);
  // Nothing renders until asked: a whole book is thousands of pages, and the clerk may want a range first.
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = () => {
    const fromSeq = seqValue(from);
    const toSeq = seqValue(to);
    if (fromSeq === 'bad' || toSeq === 'bad') return setError('Số thứ tự phải là số nguyên dương.');
    if (fromSeq !== null && toSeq !== null && fromSeq > toSeq)
      return setError('“Từ số thứ tự” phải nhỏ hơn hoặc bằng “Đến số thứ tự”.');
    setError(null);
    setUrl(invoiceFiles.bookPdf(bookId, period, { fromSeq, toSeq, copy2 }));
  };

  return (
    <PdfPreviewDialog
      title="In hóa đơn cả sổ"
      description={`Sổ ${bookLabel} · kỳ ${period.slice(5, 7)}/${period.slice(0, 4)}, theo số thứ tự`}
      url={url}
      onClose={onClose}
      onSave={show}
    >
      <EnterForm onSubmit={show} className="mb-3 flex flex-wrap items-end gap-3" data-testid="book-print-form">
        <TextField
          label="Từ số thứ tự"
          name="fromSeq"
          inputMode="numeric"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className="w-32"
        />
        <TextField
          label="Đến số thứ tự"
          name="toSeq"
          inputMode="numeric"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          className="w-32"
        />
        <CheckboxField
          label="Liên 2 – bản sao"
          name="copy2"
          checked={copy2}
          onChange={(e) => setCopy2(e.target.checked)}
          className="pb-1.5"
        />
        <Button type="submit" variant="primary" shortcut="Alt+S" data-testid="book-print-show">
          Xem trước
        </Button>
        {error && (
          <p role="alert" className="w-full text-xs text-red-600">
            {error}
          </p>
        )}
      </EnterForm>
    </PdfPreviewDialog>
  );
}
