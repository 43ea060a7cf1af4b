import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { PageInfoType } from '@/graphql/page-info';
import { storedAs } from '@/graphql/stored-enum';
import { meterDate } from '@/services/customers/customer-input';
import {
  backBillInputSchema,
  correctPreviousIndexInputSchema,
  periodString,
  readingIndex,
  readingNote,
  spreadInputSchema,
  suspensionInputSchema,
} from '@/schemas/reading-declarations';
import { READING_CODES, READING_CODE_LABELS, CODES_REQUIRING_ESTIMATE } from '@/domain/reading/anomaly';
import type { AdjustmentRow } from '@/services/readings/adjustments.service';
import type { AnomalyQueuePage } from '@/services/readings/anomaly-queue.service';
import type { SuspensionRow } from '@/services/readings/declarations.service';
import type { DeviceRowResult, DeviceSubmissionResult } from '@/services/readings/device-submission.service';
import type { PeriodLockRow, PeriodLockState } from '@/services/readings/period-lock.service';
import type { ReadingSheet } from '@/services/readings/reading-entry.service';
import type { ReadingRow } from '@/services/readings/reading-row';
import { SHEET_STATUSES, type ReadingNotice, type ReadingSheetRow } from '@/services/readings/reading-sheet';

export const ReadingSheetStatusEnum = builder.enumType('ReadingSheetStatus', {
  description: 'Row filter of the entry screen.',
  values: SHEET_STATUSES,
});

export const AnomalyActionEnum = builder.enumType('AnomalyAction', { values: ['clear', 'reopen'] as const });

export const AnomalyStatusFilterEnum = builder.enumType('AnomalyStatusFilter', {
  values: {
    OPEN: { value: 'open', description: 'Bất thường chưa xử lý' },
    CLEARED: { value: 'cleared', description: 'Bất thường đã xử lý' },
  } as const,
});

const AnomalyStatusEnum = builder.enumType('AnomalyStatus', {
  values: {
    NONE: { value: 'none', description: 'Không có bất thường' },
    OPEN: { value: 'open', description: 'Có bất thường chưa xử lý' },
    CLEARED: { value: 'cleared', description: 'Bất thường đã được xử lý' },
  } as const,
});

const ReadingSourceEnum = builder.enumType('ReadingSource', {
  values: {
    MANUAL: { value: 'manual', description: 'Nhập tay trên màn hình ghi chỉ số' },
    IMPORT: { value: 'import', description: 'Nhập từ tệp Excel' },
    DEVICE: { value: 'device', description: 'Gửi từ thiết bị ghi chỉ số' },
    SYSTEM: { value: 'system', description: 'Do hệ thống tự ghi' },
  } as const,
});

const ReadingCodeEnum = builder.enumType('ReadingCode', {
  description: 'Reading codes (labels: readingCodes). Codes whose index cannot be trusted bill the 3-period average.',
  values: READING_CODES,
});

export const ReadingCodeInfoType = builder
  .objectRef<{ code: string; label: string; requiresEstimate: boolean }>('ReadingCodeInfo')
  .implement({
    fields: (t) => ({
      code: t.exposeString('code'),
      label: t.exposeString('label'),
      requiresEstimate: t.exposeBoolean('requiresEstimate', {
        description: 'The index cannot be trusted: billed on the 3-period average.',
      }),
    }),
  });

export const READING_CODE_INFOS = READING_CODES.map((c) => ({
  code: c,
  label: READING_CODE_LABELS[c],
  requiresEstimate: CODES_REQUIRING_ESTIMATE.includes(c),
}));

const ReadingNoticeType = builder.objectRef<ReadingNotice>('ReadingNotice').implement({
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description: 'meter_replaced | suspended | preferential | estimate_pending | cut_off',
    }),
    message: t.exposeString('message'),
  }),
});

export const ReadingSheetRowType = builder.objectRef<ReadingSheetRow>('ReadingSheetRow').implement({
  description: 'One customer and meter of the period (two rows when the meter was replaced inside it).',
  fields: (t) => ({
    key: t.exposeString('key'),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    address: t.exposeString('address'),
    bookId: t.exposeInt('bookId'),
    sequenceNo: t.exposeInt('sequenceNo'),
    meterId: t.exposeInt('meterId'),
    meterSerial: t.exposeString('meterSerial'),
    meterMaxIndex: t.exposeInt('meterMaxIndex', { nullable: true }),
    isOutgoingMeter: t.exposeBoolean('isOutgoingMeter'),
    readingId: t.int({ nullable: true, resolve: (r) => r.readingId }),
    previousIndex: t.exposeInt('previousIndex'),
    currentIndex: t.exposeInt('currentIndex', { nullable: true }),
    suggestedCurrentIndex: t.exposeInt('suggestedCurrentIndex', { nullable: true }),
    fixedCurrentIndex: t.exposeInt('fixedCurrentIndex', {
      nullable: true,
      description:
        'Outgoing meter of a replacement in this period: its declared final index, the only index the row accepts.',
    }),
    consumption: t.exposeInt('consumption', { nullable: true }),
    code: t.exposeString('code'),
    codeLabel: t.exposeString('codeLabel'),
    isEstimated: t.exposeBoolean('isEstimated'),
    anomalies: t.exposeStringList('anomalies'),
    anomalyLabels: t.exposeStringList('anomalyLabels'),
    anomalyStatus: t.field({ type: AnomalyStatusEnum, resolve: (r) => storedAs(AnomalyStatusEnum, r.anomalyStatus) }),
    average3: t.exposeInt('average3'),
    recentConsumptions: t.exposeIntList('recentConsumptions'),
    estimatedPending: t.exposeInt('estimatedPending'),
    notices: t.field({ type: [ReadingNoticeType], resolve: (r) => r.notices }),
    source: t.field({ type: ReadingSourceEnum, nullable: true, resolve: (r) => storedAs(ReadingSourceEnum, r.source) }),
    note: t.exposeString('note', { nullable: true }),
    version: t.exposeInt('version', { nullable: true }),
    enteredAt: t.expose('enteredAt', { type: 'DateTime', nullable: true }),
  }),
});

export const PeriodLockStateType = builder.objectRef<PeriodLockState>('PeriodLockState').implement({
  fields: (t) => ({
    isLocked: t.exposeBoolean('isLocked'),
    explicit: t.exposeBoolean('explicit'),
    implicit: t.exposeBoolean('implicit', { description: 'A later period of the book has readings.' }),
    message: t.exposeString('message', { nullable: true }),
  }),
});

export const ReadingSheetType = builder.objectRef<ReadingSheet>('ReadingSheet').implement({
  fields: (t) => ({
    bookId: t.exposeInt('bookId'),
    period: t.expose('period', { type: 'Period' }),
    lock: t.field({ type: PeriodLockStateType, resolve: (s) => s.lock }),
    highFactorPct: t.exposeInt('highFactorPct', {
      description: 'Anomaly "high" factor in hundredths (151 = 1.51 × the 3-period average).',
    }),
    lowFactorPct: t.exposeInt('lowFactorPct'),
    total: t.exposeInt('total'),
    read: t.exposeInt('read'),
    unread: t.exposeInt('unread'),
    anomalies: t.exposeInt('anomalies'),
    openAnomalies: t.exposeInt('openAnomalies'),
    rows: t.field({ type: [ReadingSheetRowType], resolve: (s) => s.rows }),
  }),
});

export const ReadingType = builder.objectRef<ReadingRow>('Reading').implement({
  description:
    'A stored reading, as the customer’s history and the anomaly queue list it (the entry sheet lists meter slots: ReadingSheetRow).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    period: t.expose('period', { type: 'Period' }),
    bookId: t.exposeInt('bookId', { description: 'The customer’s current book (it decides who sees the reading).' }),
    bookCode: t.exposeString('bookCode'),
    customerId: t.exposeInt('customerId'),
    customerCode: t.exposeString('customerCode'),
    customerName: t.exposeString('customerName'),
    address: t.exposeString('address'),
    sequenceNo: t.exposeInt('sequenceNo'),
    meterSerial: t.exposeString('meterSerial'),
    previousIndex: t.exposeInt('previousIndex'),
    currentIndex: t.exposeInt('currentIndex', { nullable: true }),
    consumption: t.exposeInt('consumption'),
    code: t.exposeString('code'),
    codeLabel: t.exposeString('codeLabel'),
    isEstimated: t.exposeBoolean('isEstimated'),
    anomalies: t.exposeStringList('anomalies'),
    anomalyLabels: t.exposeStringList('anomalyLabels'),
    anomalyStatus: t.field({ type: AnomalyStatusEnum, resolve: (r) => storedAs(AnomalyStatusEnum, r.anomalyStatus) }),
    source: t.field({ type: ReadingSourceEnum, resolve: (r) => storedAs(ReadingSourceEnum, r.source) }),
    note: t.exposeString('note', { nullable: true }),
    enteredAt: t.expose('enteredAt', { type: 'DateTime' }),
  }),
});

export const AnomalyQueuePageType = builder.objectRef<AnomalyQueuePage>('AnomalyQueuePage').implement({
  description: 'A page of the anomaly queue (period newest first, then book, sequence), with a cursor for the next.',
  fields: (t) => ({
    rows: t.field({ type: [ReadingType], resolve: (p) => p.rows }),
    total: t.exposeInt('total', { description: 'Rows the filter matches, over all pages.' }),
    pageInfo: t.field({ type: PageInfoType, resolve: (p) => p.pageInfo }),
  }),
});

export const SuspensionType = builder.objectRef<SuspensionRow>('Suspension').implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    customerId: t.exposeInt('customerId'),
    fromPeriod: t.expose('fromPeriod', { type: 'Period' }),
    toPeriod: t.expose('toPeriod', { type: 'Period', nullable: true }),
    reason: t.exposeString('reason'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const AdjustmentType = builder.objectRef<AdjustmentRow>('Adjustment').implement({
  description: 'Back-billing (backbill_m3 / backbill_amount, billed at tariffPeriod) or spread owed m3 (spread).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    customerId: t.exposeInt('customerId'),
    kind: t.exposeString('kind'),
    tariffPeriod: t.expose('tariffPeriod', { type: 'Period' }),
    billPeriod: t.expose('billPeriod', { type: 'Period' }),
    quantity: t.exposeInt('quantity', { nullable: true }),
    amount: t.field({ type: 'Money', nullable: true, description: 'VND.', resolve: (a) => a.amount }),
    reason: t.exposeString('reason'),
    groupKey: t.exposeString('groupKey', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const PeriodLockType = builder.objectRef<PeriodLockRow>('PeriodLock').implement({
  fields: (t) => ({
    period: t.expose('period', { type: 'Period' }),
    bookId: t.exposeInt('bookId', { description: '0 = the whole company.' }),
    bookCode: t.exposeString('bookCode', { nullable: true }),
    lockedAt: t.expose('lockedAt', { type: 'DateTime' }),
    lockedBy: t.exposeString('lockedBy', { nullable: true }),
  }),
});

const DeviceRowResultType = builder.objectRef<DeviceRowResult>('DeviceReadingResult').implement({
  fields: (t) => ({
    index: t.exposeInt('index'),
    customerId: t.exposeInt('customerId'),
    period: t.exposeString('period'),
    accepted: t.exposeBoolean('accepted'),
    readingId: t.exposeInt('readingId', { nullable: true }),
    consumption: t.exposeInt('consumption', { nullable: true }),
    anomalies: t.exposeStringList('anomalies'),
    anomalyLabels: t.exposeStringList('anomalyLabels'),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    message: t.exposeString('message', { nullable: true }),
  }),
});

export const DeviceSubmissionResultType = builder
  .objectRef<DeviceSubmissionResult>('DeviceSubmissionResult')
  .implement({
    fields: (t) => ({
      deviceId: t.exposeString('deviceId'),
      submissionId: t.exposeString('submissionId'),
      accepted: t.exposeInt('accepted'),
      rejected: t.exposeInt('rejected'),
      replayed: t.exposeBoolean('replayed', {
        description: 'A retry answered with the stored result; nothing was written again.',
      }),
      rows: t.field({ type: [DeviceRowResultType], resolve: (r) => r.rows }),
    }),
  });

// ---------------------------------------------------------------- inputs

export const SaveReadingInput = builder
  .inputType('SaveReadingInput', {
    fields: (t) => ({
      customerId: t.int({ required: true }),
      period: t.field({ type: 'Period', required: true }),
      meterId: t.int({
        description: 'Default: the active meter. The outgoing meter of a replacement has its own row.',
      }),
      currentIndex: t.int({ description: 'Omitted/null: not read; give a code (billed on the 3-period average).' }),
      code: t.field({ type: ReadingCodeEnum, description: 'Default normal.' }),
      note: t.string(),
      version: t.int({ description: 'The row version as loaded: a stale row is refused (VERSION_CONFLICT).' }),
    }),
  })
  .validate(
    z.object({
      customerId: z.number().int().positive(),
      period: periodString,
      meterId: z.number().int().positive().nullish(),
      currentIndex: readingIndex('Chỉ số mới').nullish(),
      code: z.enum(READING_CODES).nullish(),
      note: readingNote,
      version: z.number().int().nullish(),
    }),
  );

export const MeterReplacementInput = builder.inputType('MeterReplacementInput', {
  fields: (t) => ({
    customerId: t.int({ required: true }),
    period: t.field({ type: 'Period', required: true }),
    finalIndex: t.int({ required: true, validate: readingIndex('Chỉ số cuối') }),
    removedOn: t.field({ type: 'Date', required: true, validate: meterDate('Ngày tháo') }),
  }),
});

export const SuspensionInput = builder
  .inputType('SuspensionInput', {
    fields: (t) => ({
      customerId: t.int({ required: true }),
      fromPeriod: t.field({ type: 'Period', required: true }),
      toPeriod: t.field({ type: 'Period' }),
      reason: t.string({ required: true }),
    }),
  })
  .validate(suspensionInputSchema);

export const CorrectPreviousIndexInput = builder
  .inputType('CorrectPreviousIndexInput', {
    fields: (t) => ({
      customerId: t.int({ required: true }),
      period: t.field({ type: 'Period', required: true }),
      meterId: t.int(),
      previousIndex: t.int({ required: true }),
      currentIndex: t.int({ description: 'Default: the stored current index.' }),
      reason: t.string({ required: true }),
    }),
  })
  .validate(correctPreviousIndexInputSchema);

export const BackBillInput = builder
  .inputType('BackBillInput', {
    description:
      'Truy thu: m3 OR an amount (water money before VAT) owed for tariffPeriod, billed in billPeriod at tariffPeriod’s tariff.',
    fields: (t) => ({
      customerId: t.int({ required: true }),
      tariffPeriod: t.field({ type: 'Period', required: true }),
      billPeriod: t.field({ type: 'Period', required: true }),
      quantity: t.int(),
      amount: t.field({ type: 'Money', description: 'VND, whole.' }),
      reason: t.string({ required: true }),
    }),
  })
  .validate(backBillInputSchema);

export const SpreadInput = builder
  .inputType('SpreadOwedConsumptionInput', {
    fields: (t) => ({
      customerId: t.int({ required: true }),
      quantity: t.int({ required: true }),
      firstPeriod: t.field({ type: 'Period', required: true }),
      periods: t.int({ required: true }),
      reason: t.string({ required: true }),
    }),
  })
  .validate(spreadInputSchema);

const DeviceReadingInput = builder
  .inputType('DeviceReadingInput', {
    fields: (t) => ({
      customerId: t.int({ required: true }),
      period: t.field({ type: 'Period', required: true }),
      meterId: t.int(),
      meterSerial: t.string(),
      currentIndex: t.int(),
      code: t.field({ type: ReadingCodeEnum }),
      note: t.string(),
    }),
  })
  .validate(
    z.object({
      customerId: z.number().int().positive(),
      period: periodString,
      meterId: z.number().int().positive().nullish(),
      meterSerial: z.string().trim().max(32).nullish(),
      currentIndex: readingIndex('Chỉ số mới').nullish(),
      code: z.enum(READING_CODES).nullish(),
      note: readingNote,
    }),
  );

export const DeviceSubmissionInput = builder.inputType('DeviceSubmissionInput', {
  fields: (t) => ({
    deviceId: t.string({ required: true, validate: z.string().trim().min(1).max(64) }),
    submissionId: t.string({ required: true, validate: z.string().trim().min(1).max(64) }),
    readings: t.field({
      type: [DeviceReadingInput],
      required: true,
      validate: z.array(z.any()).max(5000, 'Mỗi lần gửi tối đa 5.000 chỉ số.'),
    }),
  }),
});
