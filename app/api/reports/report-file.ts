import 'server-only';
import { contentDisposition, jsonError } from '@/app/api/_lib/http';
import { isCalendarDate } from '@/domain/time/calendar';

/** `format=pdf` (the default) or `format=xlsx`; anything else is refused. */
export function reportFormat(url: URL): 'pdf' | 'xlsx' | Response {
  const format = url.searchParams.get('format') ?? 'pdf';
  if (format === 'pdf' || format === 'xlsx') return format;
  return jsonError(400, 'VALIDATION_FAILED', 'Định dạng tệp phải là pdf hoặc xlsx.');
}

/** A required (or, with `fallback`, optional) YYYY-MM-DD query parameter. */
export function dateParam(url: URL, name: string, fallback?: string): string | Response {
  const value = url.searchParams.get(name) ?? fallback;
  if (isCalendarDate(value)) return value;
  return jsonError(400, 'INVALID_DATE', `Tham số ${name} phải là một ngày có thật dạng YYYY-MM-DD.`);
}

/** One of the allowed values of an enumerated query parameter (lower case), `fallback` when absent. */
export function choiceParam<T extends string>(
  url: URL,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T | Response {
  const value = (url.searchParams.get(name) ?? fallback).toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return jsonError(400, 'VALIDATION_FAILED', `Tham số ${name} phải là một trong: ${allowed.join(', ')}.`);
}

/** The report file: PDF opens in the browser, Excel downloads; never cached (rows depend on the user). */
export function reportFileResponse(data: Buffer, format: 'pdf' | 'xlsx', baseName: string): Response {
  const xlsx = format === 'xlsx';
  return new Response(new Uint8Array(data), {
    status: 200,
    headers: {
      'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
      'content-disposition': contentDisposition(xlsx ? 'attachment' : 'inline', `${baseName}.${format}`),
      'content-length': String(data.byteLength),
      'cache-control': 'no-store',
    },
  });
}
