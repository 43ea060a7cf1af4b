/**
 * What the sheet's place shows while a book loads: the grid's own header and grey rows of the grid's row
 * height, so nothing moves when the rows arrive (no layout shift).
 */
export function ReadingSheetSkeleton({
  headers,
  template,
  rowHeight,
  rows = 18,
  label,
}: {
  headers: readonly string[];
  template: string;
  rowHeight: number;
  rows?: number;
  label: string;
}) {
  return (
    <div
      className="h-full overflow-hidden rounded-md border border-slate-200 bg-white text-sm"
      aria-busy="true"
      data-testid="readings-loading"
    >
      <span className="sr-only" role="status">
        {label}
      </span>
      <div
        className="grid border-b border-slate-300 bg-slate-100 text-xs font-semibold text-slate-600"
        style={{ gridTemplateColumns: template }}
        aria-hidden="true"
      >
        {headers.map((h) => (
          <div key={h} className="truncate border-r border-slate-200 px-2 py-2 last:border-r-0">
            {h}
          </div>
        ))}
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <div
          key={i}
          className="grid items-center border-b border-slate-100"
          style={{ gridTemplateColumns: template, height: rowHeight }}
          aria-hidden="true"
        >
          {headers.map((h) => (
            <div key={h} className="px-2">
              <div className="h-3 animate-pulse rounded bg-slate-100" />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
