/**
 * Rows of the reading entry screen built from a ReadingContext: one row per customer and meter that
 * served in the period, in sequence order, with the previous index filled, the notices the clerk must see
 * on the row, and what the browser needs to flag anomalies while typing (the last 3 consumptions, the
 * meter's maximum and the company's factors run through the same domain function as the server).
 */
import { READING_ANOMALY_LABELS, type ReadingAnomaly } from '@/domain/billing/reading-evaluation';
import { periodLabel } from '@/domain/billing/periods';
import { READING_CODE_LABELS, averageOfLast3, type ReadingCode } from '@/domain/reading/anomaly';
import { periodBounds } from '@/domain/reading/period';
import { fixedCurrentIndex } from '@/domain/reading/replaced-meter';
import { formatDateVi } from '@/domain/tariff/describe';
import { foldVietnamese } from '@/domain/text/normalize';
import { startIndexOf, type CustomerInPeriod, type MeterInPeriod, type ReadingContext } from './reading-context';

type NoticeKind = 'meter_replaced' | 'suspended' | 'preferential' | 'estimate_pending' | 'cut_off';

export interface ReadingNotice {
  kind: NoticeKind;
  message: string;
}

export interface ReadingSheetRow {
  /** `${customerId}:${meterId}`: stable key of the grid row. */
  key: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  address: string;
  bookId: number;
  sequenceNo: number;
  meterId: number;
  meterSerial: string;
  meterMaxIndex: number | null;
  /** The outgoing meter of a replacement inside the period. */
  isOutgoingMeter: boolean;
  readingId: number | null;
  previousIndex: number;
  currentIndex: number | null;
  /** Pre-filled value for an unsaved row (the final index of a replaced meter). */
  suggestedCurrentIndex: number | null;
  /** The only index the row accepts: the final index declared when the meter was replaced in this period. */
  fixedCurrentIndex: number | null;
  consumption: number | null;
  code: string;
  codeLabel: string;
  isEstimated: boolean;
  anomalies: string[];
  anomalyLabels: string[];
  anomalyStatus: string;
  /** Average of the last 3 periods (what an unread meter is billed). */
  average3: number;
  /** Up to 3 past consumptions, newest first: the history the anomaly rule compares with. */
  recentConsumptions: number[];
  /** m3 billed on estimates that the next real reading settles. */
  estimatedPending: number;
  notices: ReadingNotice[];
  source: string | null;
  note: string | null;
  version: number | null;
  enteredAt: string | null;
}

export const SHEET_STATUSES = ['all', 'unread', 'read', 'anomaly', 'open_anomaly', 'estimated'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export function anomalyLabels(kinds: readonly string[]): string[] {
  return kinds.map((k) => READING_ANOMALY_LABELS[k as ReadingAnomaly] ?? k);
}

function notices(ctx: ReadingContext, c: CustomerInPeriod, meter: MeterInPeriod): ReadingNotice[] {
  const out: ReadingNotice[] = [];
  const { start, end } = periodBounds(ctx.period);
  const replacedInPeriod = c.meters.find((m) => m.removedOn !== null && m.removedOn >= start && m.removedOn <= end);
  if (replacedInPeriod) {
    const next = c.meters.find((m) => m.id !== replacedInPeriod.id && m.installedOn >= replacedInPeriod.installedOn);
    const tail = next ? `; đồng hồ mới ${next.serial} chỉ số đầu ${next.initialIndex}` : '';
    out.push({
      kind: 'meter_replaced',
      message: `Thay đồng hồ ngày ${formatDateVi(replacedInPeriod.removedOn as string)}: đồng hồ cũ ${replacedInPeriod.serial} chỉ số cuối ${replacedInPeriod.finalIndex ?? '?'}${tail}`,
    });
  }
  if (c.suspension) {
    const until = c.suspension.toPeriod ? ` đến kỳ ${periodLabel(c.suspension.toPeriod)}` : '';
    out.push({
      kind: 'suspended',
      message: `Tạm dừng từ kỳ ${periodLabel(c.suspension.fromPeriod)}${until}: ${c.suspension.reason}`,
    });
  }
  if (c.isPreferential) {
    const valid = c.preferentialUntil === null || c.preferentialUntil >= end;
    const date = c.preferentialUntil ? formatDateVi(c.preferentialUntil) : '';
    out.push({
      kind: 'preferential',
      message: valid ? `Khách hàng ưu đãi${date ? ` (đến ${date})` : ''}` : `Ưu đãi đã hết hạn ngày ${date}`,
    });
  }
  if (meter.estimatedSinceLastReal > 0) {
    out.push({
      kind: 'estimate_pending',
      message: `Đã tính tạm ${meter.estimatedSinceLastReal} m3 theo bình quân; chỉ số thực kỳ này sẽ trừ phần đã tính.`,
    });
  }
  if (c.status === 0) out.push({ kind: 'cut_off', message: 'Khách hàng đã ngừng cấp nước.' });
  return out;
}

export function buildSheetRows(ctx: ReadingContext, customerIds: readonly number[] = ctx.order): ReadingSheetRow[] {
  const rows: ReadingSheetRow[] = [];
  for (const id of customerIds) {
    const c = ctx.customers.get(id);
    if (!c) continue;
    const history = c.history.map((h) => Math.max(0, h.consumption));
    for (const meter of c.meters) {
      const r = c.readings.get(meter.id) ?? null;
      const isOutgoing = !meter.isActive && c.meters.some((m) => m.id !== meter.id && m.isActive);
      const code = (r?.code ?? 'normal') as ReadingCode;
      const fixed = fixedCurrentIndex(meter, ctx.period);
      rows.push({
        key: `${c.id}:${meter.id}`,
        customerId: c.id,
        customerCode: c.code,
        customerName: c.name,
        address: c.address,
        bookId: c.bookId,
        sequenceNo: c.sequenceNo,
        meterId: meter.id,
        meterSerial: meter.serial,
        meterMaxIndex: meter.maxIndex,
        isOutgoingMeter: isOutgoing,
        readingId: r?.id ?? null,
        previousIndex: r?.previousIndex ?? startIndexOf(meter),
        currentIndex: r?.currentIndex ?? null,
        suggestedCurrentIndex: r === null && isOutgoing ? (fixed ?? meter.finalIndex) : null,
        fixedCurrentIndex: fixed,
        consumption: r?.consumption ?? null,
        code,
        codeLabel: READING_CODE_LABELS[code] ?? code,
        isEstimated: r?.isEstimated ?? false,
        anomalies: r?.anomalies ?? [],
        anomalyLabels: anomalyLabels(r?.anomalies ?? []),
        anomalyStatus: r?.anomalyStatus ?? 'none',
        average3: averageOfLast3(history),
        recentConsumptions: history.slice(0, 3),
        estimatedPending: meter.estimatedSinceLastReal,
        notices: notices(ctx, c, meter),
        source: r?.source ?? null,
        note: r?.note ?? null,
        version: r?.version ?? null,
        enteredAt: r?.enteredAt ?? null,
      });
    }
  }
  return rows;
}

export function matchesStatus(row: ReadingSheetRow, status: SheetStatus): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'unread':
      return row.readingId === null;
    case 'read':
      return row.readingId !== null;
    case 'anomaly':
      return row.anomalies.length > 0;
    case 'open_anomaly':
      return row.anomalyStatus === 'open';
    case 'estimated':
      return row.isEstimated;
  }
}

/** Accent- and case-insensitive search over code, name, address and meter serial. */
export function matchesSearch(row: ReadingSheetRow, search: string | null | undefined): boolean {
  const q = search ? foldVietnamese(search) : '';
  if (!q) return true;
  return foldVietnamese(`${row.customerCode} ${row.customerName} ${row.address} ${row.meterSerial}`).includes(q);
}
