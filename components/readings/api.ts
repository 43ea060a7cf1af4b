'use client';

import { gqlFetch } from '@/components/ui/graphql-client';
import type { AdjustmentRow } from '@/services/readings/adjustments.service';
import type { AnomalyQueueRow } from '@/services/readings/anomaly-queue.service';
import type { SuspensionRow } from '@/services/readings/declarations.service';
import type { PeriodLockState } from '@/services/readings/period-lock.service';
import type { ReadingSheet as ReadingSheetData, ReadingHistoryEntry } from '@/services/readings/reading-entry.service';
import type { ImportResult, ImportRowError } from '@/services/readings/reading-import.service';
import type { ReadingNotice, ReadingSheetRow } from '@/services/readings/reading-sheet';

/** A reading book the user holds (the API lists only those). */
export interface ReadingBookOption {
  id: number;
  code: string;
  name: string;
  routeName: string;
  branchName: string;
}

// The services' row types, shared as types only (erased from the browser bundle).
export type { ImportResult, ImportRowError, PeriodLockState, ReadingNotice };

/** One row of the entry screen (GraphQL `ReadingSheetRow`, the fields the screen uses). */
export type SheetRow = Pick<
  ReadingSheetRow,
  | 'key'
  | 'customerId'
  | 'customerCode'
  | 'customerName'
  | 'address'
  | 'sequenceNo'
  | 'meterId'
  | 'meterSerial'
  | 'meterMaxIndex'
  | 'isOutgoingMeter'
  | 'readingId'
  | 'previousIndex'
  | 'currentIndex'
  | 'suggestedCurrentIndex'
  | 'fixedCurrentIndex'
  | 'consumption'
  | 'code'
  | 'isEstimated'
  | 'anomalies'
  | 'anomalyStatus'
  | 'average3'
  | 'recentConsumptions'
  | 'estimatedPending'
  | 'notices'
  | 'note'
  | 'version'
>;

/** GraphQL `ReadingSheet`, with the rows the screen asks for. */
export type ReadingSheet = Omit<ReadingSheetData, 'rows'> & { rows: SheetRow[] };

export interface ReadingCodeInfo {
  code: string;
  label: string;
  requiresEstimate: boolean;
}

export type HistoryEntry = Pick<
  ReadingHistoryEntry,
  'period' | 'meterSerial' | 'previousIndex' | 'currentIndex' | 'consumption' | 'code' | 'codeLabel' | 'isEstimated' | 'anomalies' | 'anomalyLabels'
>;

export type Suspension = Pick<SuspensionRow, 'id' | 'fromPeriod' | 'toPeriod' | 'reason' | 'createdAt'>;

export type Adjustment = Pick<
  AdjustmentRow,
  'id' | 'kind' | 'tariffPeriod' | 'billPeriod' | 'quantity' | 'amount' | 'reason' | 'groupKey' | 'createdAt'
>;

const ROW_FIELDS = `key customerId customerCode customerName address sequenceNo meterId meterSerial meterMaxIndex isOutgoingMeter
  readingId previousIndex currentIndex suggestedCurrentIndex fixedCurrentIndex consumption code isEstimated anomalies anomalyStatus average3
  recentConsumptions estimatedPending notices { kind message } note version`;

const LOCK_FIELDS = 'isLocked explicit implicit message';

async function fetchAllPages<T>(field: string, fields: string): Promise<T[]> {
  const out: T[] = [];
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const data = await gqlFetch<Record<string, { rows: T[]; total: number }>>(
      `query($f: CatalogQuery) { ${field}(filter: $f) { total rows { ${fields} } } }`,
      { f: { limit, offset } },
    );
    const page = data[field];
    if (!page) break;
    out.push(...page.rows);
    if (out.length >= page.total || page.rows.length < limit) break;
  }
  return out;
}

/** The reading books the signed-in user holds. */
export function fetchReadingBooks(): Promise<ReadingBookOption[]> {
  return fetchAllPages<ReadingBookOption>('readingBooks', 'id code name routeName branchName');
}

export async function fetchReadingCodes(): Promise<ReadingCodeInfo[]> {
  const data = await gqlFetch<{ readingCodes: ReadingCodeInfo[] }>('{ readingCodes { code label requiresEstimate } }');
  return data.readingCodes;
}

export async function fetchReadingSheet(bookId: number, period: string, search?: string | null): Promise<ReadingSheet> {
  const data = await gqlFetch<{ readingSheet: ReadingSheet }>(
    `query($b: Int!, $p: Period!, $s: String) { readingSheet(bookId: $b, period: $p, search: $s) {
      bookId period highFactorPct lowFactorPct total read unread anomalies openAnomalies lock { ${LOCK_FIELDS} } rows { ${ROW_FIELDS} } } }`,
    { b: bookId, p: period, s: search ?? null },
  );
  return data.readingSheet;
}

/** The rows of one customer (a search by code, then the exact customer: codes are prefixes of one another). */
export async function fetchCustomerRows(bookId: number, period: string, customerId: number, customerCode: string): Promise<SheetRow[]> {
  const sheet = await fetchReadingSheet(bookId, period, customerCode);
  return sheet.rows.filter((r) => r.customerId === customerId);
}

export async function fetchLockState(bookId: number, period: string): Promise<PeriodLockState> {
  const data = await gqlFetch<{ periodLockState: PeriodLockState }>(
    `query($b: Int!, $p: Period!) { periodLockState(bookId: $b, period: $p) { ${LOCK_FIELDS} } }`,
    { b: bookId, p: period },
  );
  return data.periodLockState;
}

export interface SaveReadingVars {
  customerId: number;
  period: string;
  meterId: number;
  currentIndex: number | null;
  code: string;
  note?: string | null;
  version: number | null;
}

export async function saveReading(input: SaveReadingVars): Promise<SheetRow> {
  const data = await gqlFetch<{ saveReading: SheetRow }>(
    `mutation($i: SaveReadingInput!) { saveReading(input: $i) { ${ROW_FIELDS} } }`,
    { i: input },
  );
  return data.saveReading;
}

/** Takes back a saved reading: the row reads "not entered" again. */
export async function clearReading(input: { customerId: number; period: string; meterId: number; version: number | null }): Promise<SheetRow> {
  const data = await gqlFetch<{ clearReading: SheetRow }>(
    `mutation($c: Int!, $p: Period!, $m: Int!, $v: Int) { clearReading(customerId: $c, period: $p, meterId: $m, version: $v) { ${ROW_FIELDS} } }`,
    { c: input.customerId, p: input.period, m: input.meterId, v: input.version },
  );
  return data.clearReading;
}

export async function fetchHistory(customerId: number, beforePeriod: string, limit = 12): Promise<HistoryEntry[]> {
  const data = await gqlFetch<{ readingHistory: HistoryEntry[] }>(
    `query($c: Int!, $p: Period, $l: Int) { readingHistory(customerId: $c, beforePeriod: $p, limit: $l) {
      period meterSerial previousIndex currentIndex consumption code codeLabel isEstimated anomalies anomalyLabels } }`,
    { c: customerId, p: beforePeriod, l: limit },
  );
  return data.readingHistory;
}

// ---------- declarations

export async function declareMeterReplacement(
  input: { customerId: number; period: string; finalIndex: number; removedOn: string },
  newMeter: { serial: string; initialIndex: number; installedOn: string; sealNo?: string | null },
): Promise<SheetRow[]> {
  const data = await gqlFetch<{ declareMeterReplacement: SheetRow[] }>(
    `mutation($i: MeterReplacementInput!, $m: MeterInput!) { declareMeterReplacement(input: $i, newMeter: $m) { ${ROW_FIELDS} } }`,
    { i: input, m: newMeter },
  );
  return data.declareMeterReplacement;
}

/** Corrects the final index declared with a replacement; the outgoing meter's reading of that period follows it. */
export async function correctMeterReplacement(input: { customerId: number; meterId: number; finalIndex: number; reason: string }): Promise<void> {
  await gqlFetch<{ correctMeterReplacement: { id: number } }>(
    `mutation($i: CorrectMeterReplacementInput!) { correctMeterReplacement(input: $i) { id finalIndex } }`,
    { i: input },
  );
}

export async function declareSuspension(input: { customerId: number; fromPeriod: string; toPeriod: string | null; reason: string }): Promise<Suspension> {
  const data = await gqlFetch<{ declareSuspension: Suspension }>(
    `mutation($i: SuspensionInput!) { declareSuspension(input: $i) { id fromPeriod toPeriod reason createdAt } }`,
    { i: input },
  );
  return data.declareSuspension;
}

export async function fetchSuspensions(customerId: number): Promise<Suspension[]> {
  const data = await gqlFetch<{ customerSuspensions: Suspension[] }>(
    `query($c: Int!) { customerSuspensions(customerId: $c) { id fromPeriod toPeriod reason createdAt } }`,
    { c: customerId },
  );
  return data.customerSuspensions;
}

export async function endSuspension(id: number, toPeriod: string): Promise<void> {
  await gqlFetch(`mutation($id: Int!, $p: Period!) { endSuspension(id: $id, toPeriod: $p) { id } }`, { id, p: toPeriod });
}

export async function deleteSuspension(id: number): Promise<void> {
  await gqlFetch(`mutation($id: Int!) { deleteSuspension(id: $id) }`, { id });
}

export async function correctPreviousIndex(input: {
  customerId: number;
  period: string;
  meterId: number;
  previousIndex: number;
  currentIndex: number | null;
  reason: string;
}): Promise<SheetRow> {
  const data = await gqlFetch<{ correctPreviousIndex: SheetRow }>(
    `mutation($i: CorrectPreviousIndexInput!) { correctPreviousIndex(input: $i) { ${ROW_FIELDS} } }`,
    { i: input },
  );
  return data.correctPreviousIndex;
}

export async function createBackBill(input: {
  customerId: number;
  tariffPeriod: string;
  billPeriod: string;
  quantity: number | null;
  amount: number | null;
  reason: string;
}): Promise<Adjustment> {
  const data = await gqlFetch<{ createBackBill: Adjustment }>(
    `mutation($i: BackBillInput!) { createBackBill(input: $i) { id kind tariffPeriod billPeriod quantity amount reason groupKey createdAt } }`,
    { i: input },
  );
  return data.createBackBill;
}

export async function spreadOwedConsumption(input: { customerId: number; quantity: number; firstPeriod: string; periods: number; reason: string }): Promise<Adjustment[]> {
  const data = await gqlFetch<{ spreadOwedConsumption: Adjustment[] }>(
    `mutation($i: SpreadOwedConsumptionInput!) { spreadOwedConsumption(input: $i) { id kind tariffPeriod billPeriod quantity amount reason groupKey createdAt } }`,
    { i: input },
  );
  return data.spreadOwedConsumption;
}

export async function fetchAdjustments(customerId: number): Promise<Adjustment[]> {
  const data = await gqlFetch<{ customerAdjustments: Adjustment[] }>(
    `query($c: Int!) { customerAdjustments(customerId: $c) { id kind tariffPeriod billPeriod quantity amount reason groupKey createdAt } }`,
    { c: customerId },
  );
  return data.customerAdjustments;
}

export async function deleteAdjustment(id: number, wholeGroup: boolean): Promise<number> {
  const data = await gqlFetch<{ deleteAdjustment: number }>(`mutation($id: Int!, $g: Boolean) { deleteAdjustment(id: $id, wholeGroup: $g) }`, {
    id,
    g: wholeGroup,
  });
  return data.deleteAdjustment;
}

export async function lockPeriod(bookId: number, period: string): Promise<PeriodLockState> {
  const data = await gqlFetch<{ lockPeriod: PeriodLockState }>(
    `mutation($b: Int, $p: Period!) { lockPeriod(bookId: $b, period: $p) { ${LOCK_FIELDS} } }`,
    { b: bookId, p: period },
  );
  return data.lockPeriod;
}

export async function unlockPeriod(bookId: number, period: string): Promise<boolean> {
  const data = await gqlFetch<{ unlockPeriod: boolean }>(`mutation($b: Int, $p: Period!) { unlockPeriod(bookId: $b, period: $p) }`, { b: bookId, p: period });
  return data.unlockPeriod;
}

// ---------- anomaly queue

// The service's row type, shared as a type only (erased from the browser bundle).
export type { AnomalyQueueRow };

export async function fetchAnomalyQueue(input: {
  bookIds: number[] | null;
  period: string | null;
  status: 'open' | 'cleared';
  offset: number;
  limit: number;
}): Promise<{ rows: AnomalyQueueRow[]; total: number }> {
  const data = await gqlFetch<{ anomalyQueue: { rows: AnomalyQueueRow[]; total: number } }>(
    `query($b: [Int!], $p: Period, $s: AnomalyStatusFilter, $o: Int, $l: Int) { anomalyQueue(bookIds: $b, period: $p, status: $s, offset: $o, limit: $l) {
      total rows { readingId period bookId bookCode customerId customerCode customerName address sequenceNo meterSerial previousIndex
        currentIndex consumption code codeLabel anomalies anomalyLabels anomalyStatus note enteredAt } } }`,
    { b: input.bookIds, p: input.period, s: input.status, o: input.offset, l: input.limit },
  );
  return data.anomalyQueue;
}

export async function resolveAnomalies(readingIds: number[], action: 'clear' | 'reopen', note: string | null): Promise<number> {
  const data = await gqlFetch<{ resolveAnomalies: number }>(
    `mutation($ids: [Int!]!, $a: AnomalyAction!, $n: String) { resolveAnomalies(readingIds: $ids, action: $a, note: $n) }`,
    { ids: readingIds, a: action, n: note },
  );
  return data.resolveAnomalies;
}

// ---------- Excel import (route handlers)

export function templateUrl(bookId: number, period: string): string {
  return `/api/readings/template?bookId=${bookId}&period=${encodeURIComponent(period)}`;
}

/** Posts the file to the import route; throws the server's Vietnamese message. */
export async function importReadingsFile(input: { file: File; bookId: number; period: string; acceptValid: boolean }): Promise<ImportResult> {
  const form = new FormData();
  form.set('file', input.file);
  form.set('bookId', String(input.bookId));
  form.set('period', input.period);
  form.set('acceptValid', input.acceptValid ? '1' : '0');
  let res: Response;
  try {
    res = await fetch('/api/readings/import', { method: 'POST', body: form });
  } catch {
    throw new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
  }
  const body = (await res.json().catch(() => null)) as (ImportResult & { message?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
  return body;
}
