import ExcelJS from 'exceljs';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getRequestContext } from '@/app/server/request-context';
import { catalogToSheet, type CatalogSheet } from '@/services/catalogs/catalog.service';
import { FILTER_OPS, MAX_FILTERS } from '@/services/catalogs/filter';
import { isCatalogName } from '@/services/catalogs/registry';
import { logUnexpectedError } from '@/services/error-summary';
import { AppError } from '@/services/errors';
import { jsonError } from '@/app/api/_lib/http';
import { foldVietnamese } from '@/domain/text/normalize';
import { isCalendarDate } from '@/domain/time/calendar';

// The workbook is built per request from the database: never cache, always run on Node (exceljs, the database).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const filterValue = z.union([z.string().max(200, 'Giá trị lọc dài tối đa 200 ký tự.'), z.number()]).nullish();
const filtersSchema = z
  .array(
    z.object({
      column: z.string().max(64, 'Tên cột không hợp lệ.'),
      op: z.enum(FILTER_OPS, { error: 'Phép so sánh không hợp lệ.' }),
      value: filterValue,
      value2: filterValue,
    }),
    { error: 'Điều kiện lọc không hợp lệ.' },
  )
  .max(MAX_FILTERS, `Chỉ được lọc tối đa ${MAX_FILTERS} điều kiện.`);

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_ROWS: 413,
};

/** `ngay-yyyymmdd` in Vietnam time, for the file name. */
function stamp(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(now)
    .replaceAll('-', '');
  return parts;
}

/** ASCII fallback of a Vietnamese title for the plain `filename=` parameter. */
function asciiName(title: string): string {
  return (
    foldVietnamese(title)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'danh-muc'
  );
}

async function workbookOf(sheet: CatalogSheet): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cấp nước';
  wb.created = new Date();
  // Sheet names are limited to 31 characters and may not contain []:*?/\
  const ws = wb.addWorksheet(sheet.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Danh mục', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = sheet.columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: Math.min(
      60,
      Math.max(c.label.length + 2, ...sheet.rows.slice(0, 500).map((r) => String(r[c.key] ?? '').length + 2), 8),
    ),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD1ECFE' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF94A3B8' } } };
  });
  // Dates travel as YYYY-MM-DD text: written as real dates so Excel sorts and filters them, shown dd/mm/yyyy.
  const dateKeys = sheet.columns
    .map((c) => c.key)
    .filter((k) => {
      const values = sheet.rows.map((r) => r[k]).filter((v) => v !== null && v !== undefined && v !== '');
      return values.length > 0 && values.every((v) => typeof v === 'string' && isCalendarDate(v));
    });
  for (const k of dateKeys) ws.getColumn(k).numFmt = 'dd/mm/yyyy';
  for (const row of sheet.rows) {
    const out: Record<string, string | number | Date | null> = { ...row };
    for (const k of dateKeys) {
      const v = row[k];
      if (typeof v === 'string') out[k] = new Date(`${v}T00:00:00Z`);
    }
    ws.addRow(out);
  }
  if (sheet.columns.length > 0)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: sheet.columns.length } };
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/**
 * GET /api/catalogs/<name>/export?filters=<json>&search=<text> → the catalog as .xlsx, with the same filters
 * and search as the screen. The export right is checked by the service; 401 when signed out.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return jsonError(401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  if (!isCatalogName(name)) return jsonError(404, 'NOT_FOUND', 'Không có danh mục này.');

  const url = request.nextUrl;
  let filters: z.infer<typeof filtersSchema> = [];
  const rawFilters = url.searchParams.get('filters');
  if (rawFilters) {
    let json: unknown;
    try {
      json = JSON.parse(rawFilters);
    } catch {
      return jsonError(400, 'INVALID_FILTER', 'Điều kiện lọc không hợp lệ.');
    }
    const parsed = filtersSchema.safeParse(json);
    if (!parsed.success)
      return jsonError(400, 'INVALID_FILTER', parsed.error.issues[0]?.message ?? 'Điều kiện lọc không hợp lệ.');
    filters = parsed.data;
  }
  const search = url.searchParams.get('search')?.trim() || null;
  if (search && search.length > 100)
    return jsonError(400, 'VALIDATION_FAILED', 'Từ khóa tìm kiếm dài tối đa 100 ký tự.');

  let sheet: CatalogSheet;
  try {
    sheet = await catalogToSheet(ctx.db, ctx.actor, name, { filters, search });
  } catch (error) {
    if (error instanceof AppError) return jsonError(STATUS[error.code] ?? 400, error.code, error.message);
    logUnexpectedError('catalog export', error);
    return jsonError(500, 'INTERNAL', 'Đã có lỗi hệ thống khi xuất Excel, vui lòng thử lại.');
  }

  const body = await workbookOf(sheet);
  const base = `${sheet.title}-${stamp()}`;
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${asciiName(sheet.title)}-${stamp()}.xlsx"; filename*=UTF-8''${encodeURIComponent(base)}.xlsx`,
      'cache-control': 'no-store',
    },
  });
}
