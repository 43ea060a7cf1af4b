'use client';

import { useHotkeys } from '@/components/ui/use-hotkeys';
import { missingFileRight, type ReportObjectRights } from './report-rights';

const LINK =
  'inline-flex items-center gap-1 whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
const DISABLED =
  'inline-flex cursor-not-allowed items-center rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-400';

/**
 * "In PDF" (Alt+P) opens the report's PDF in a new tab, "Xuất Excel" (Alt+X) downloads the workbook. Both are plain
 * links to the file routes, which check the print / export right again. `href` is null while the inputs are invalid.
 */
export function ReportFileButtons({
  href,
  rights,
  active,
}: {
  /** The route with its parameters, without `format`. */
  href: string | null;
  rights: ReportObjectRights;
  /** Only the visible tab answers the shortcuts. */
  active: boolean;
}) {
  const pdfReason = missingFileRight(rights, 'print');
  const xlsxReason = missingFileRight(rights, 'export');
  const url = (format: 'pdf' | 'xlsx') => (href ? `${href}${href.includes('?') ? '&' : '?'}format=${format}` : null);
  useHotkeys(
    {
      'Alt+P': () => {
        const u = url('pdf');
        if (u && !pdfReason) window.open(u, '_blank', 'noopener');
      },
      'Alt+X': () => {
        const u = url('xlsx');
        if (u && !xlsxReason) window.location.assign(u);
      },
    },
    active,
  );
  const pdf = url('pdf');
  const xlsx = url('xlsx');
  return (
    <div className="flex items-center gap-1.5" role="group" aria-label="Tệp báo cáo">
      {pdf && !pdfReason ? (
        <a
          href={pdf}
          target="_blank"
          rel="noopener"
          className={LINK}
          aria-keyshortcuts="Alt+P"
          data-testid="report-pdf"
        >
          In PDF <span className="opacity-70">(Alt+P)</span>
        </a>
      ) : (
        <span className={DISABLED} title={pdfReason ?? 'Chọn đúng ngày để in.'} aria-disabled="true">
          In PDF
        </span>
      )}
      {xlsx && !xlsxReason ? (
        <a href={xlsx} download className={LINK} aria-keyshortcuts="Alt+X" data-testid="report-xlsx">
          Xuất Excel <span className="opacity-70">(Alt+X)</span>
        </a>
      ) : (
        <span className={DISABLED} title={xlsxReason ?? 'Chọn đúng ngày để xuất.'} aria-disabled="true">
          Xuất Excel
        </span>
      )}
    </div>
  );
}
