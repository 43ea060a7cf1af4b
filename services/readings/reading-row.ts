/**
 * A stored reading as the lists show it (the customer's history, the anomaly queue): one row shape and one
 * statement fragment, so the two lists answer the one `Reading` type. The entry sheet is not this: its rows are
 * meter slots of a period, read or not (see reading-sheet.ts).
 */
import { sql } from 'drizzle-orm';
import { READING_CODE_LABELS, type ReadingCode } from '@/domain/reading/anomaly';
import { anomalyLabels } from './reading-sheet';

export interface ReadingRow {
  id: number;
  period: string;
  /** The customer's current book: it decides who sees the reading, not the book stamped on it when it was taken. */
  bookId: number;
  bookCode: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  address: string;
  sequenceNo: number;
  meterSerial: string;
  previousIndex: number;
  currentIndex: number | null;
  consumption: number;
  code: string;
  codeLabel: string;
  isEstimated: boolean;
  anomalies: string[];
  anomalyLabels: string[];
  anomalyStatus: string;
  source: string;
  note: string | null;
  enteredAt: string;
}

/** Aliases: r readings, c customers, b the customer's current book, m meters. */
export const READING_FROM = sql`readings r
  join customers c on c.id = r.customer_id
  join reading_books b on b.id = c.book_id
  join meters m on m.id = r.meter_id`;

export const READING_COLUMNS = sql`r.id, r.period, c.book_id, b.code as book_code, c.id as customer_id,
  c.code as customer_code, c.name, c.address, c.sequence_no, m.serial, r.previous_index, r.current_index,
  r.consumption, r.code, r.is_estimated, r.anomalies, r.anomaly_status, r.source, r.note, r.entered_at`;

export function toReadingRow(r: Record<string, unknown>): ReadingRow {
  const anomalies = (typeof r.anomalies === 'string' ? JSON.parse(r.anomalies) : r.anomalies) as string[];
  const code = String(r.code) as ReadingCode;
  return {
    id: Number(r.id),
    period: String(r.period),
    bookId: Number(r.book_id),
    bookCode: String(r.book_code),
    customerId: Number(r.customer_id),
    customerCode: String(r.customer_code),
    customerName: String(r.name),
    address: String(r.address),
    sequenceNo: Number(r.sequence_no),
    meterSerial: String(r.serial),
    previousIndex: Number(r.previous_index),
    currentIndex: r.current_index === null ? null : Number(r.current_index),
    consumption: Number(r.consumption),
    code,
    codeLabel: READING_CODE_LABELS[code] ?? code,
    isEstimated: Boolean(r.is_estimated),
    anomalies,
    anomalyLabels: anomalyLabels(anomalies),
    anomalyStatus: String(r.anomaly_status),
    source: String(r.source),
    note: (r.note as string | null) ?? null,
    enteredAt: r.entered_at instanceof Date ? r.entered_at.toISOString() : String(r.entered_at),
  };
}
