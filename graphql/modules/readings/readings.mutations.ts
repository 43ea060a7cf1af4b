import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { MeterInput } from '@/graphql/modules/customers/customer.inputs';
import { createBackBill, deleteAdjustment, spreadOwedConsumption } from '@/services/readings/adjustments.service';
import { resolveAnomalies } from '@/services/readings/anomaly-queue.service';
import {
  correctPreviousIndex,
  declareMeterReplacement,
  declareSuspension,
  deleteSuspension,
  endSuspension,
} from '@/services/readings/declarations.service';
import { submitDeviceReadings } from '@/services/readings/device-submission.service';
import { lockPeriod, unlockPeriod } from '@/services/readings/period-lock.service';
import { clearReading, saveReading } from '@/services/readings/reading-entry.service';
import {
  AdjustmentType,
  AnomalyActionEnum,
  BackBillInput,
  CorrectPreviousIndexInput,
  DeviceSubmissionInput,
  DeviceSubmissionResultType,
  MeterReplacementInput,
  PeriodLockStateType,
  ReadingSheetRowType,
  SaveReadingInput,
  SpreadInput,
  SuspensionInput,
  SuspensionType,
} from './readings.type';

// Rows belong to books: the resolvers require the right on some branch, the services check the customer's book.
const readingsRight = (right: 'access' | 'add' | 'edit' | 'delete') => ({
  permission: { group: 'document' as const, object: 'readings', right },
});

builder.mutationFields((t) => ({
  saveReading: t.withAuth(readingsRight('access')).field({
    type: ReadingSheetRowType,
    description: 'Saves one row of the entry screen; the returned row carries consumption and anomalies.',
    args: { input: t.arg({ type: SaveReadingInput, required: true }) },
    resolve: (_root, args, ctx) =>
      saveReading(ctx.db, ctx.actor, { ...args.input, currentIndex: args.input.currentIndex ?? null }),
  }),
  clearReading: t.withAuth(readingsRight('edit')).field({
    type: ReadingSheetRowType,
    description: 'Takes back a reading typed by mistake: the row becomes "not entered" again.',
    args: {
      customerId: t.arg.int({ required: true }),
      period: t.arg({ type: 'Period', required: true }),
      meterId: t.arg.int({ required: true }),
      version: t.arg.int(),
    },
    resolve: (_root, args, ctx) =>
      clearReading(ctx.db, ctx.actor, {
        customerId: args.customerId,
        period: args.period,
        meterId: args.meterId,
        version: args.version ?? null,
      }),
  }),
  resolveAnomalies: t.withAuth(readingsRight('edit')).int({
    description: 'Supervisor: clear (accept for billing) or reopen flagged readings; returns how many changed.',
    args: {
      readingIds: t.arg.intList({ required: true, validate: z.array(z.number().int().positive()).min(1).max(5000) }),
      action: t.arg({ type: AnomalyActionEnum, required: true }),
      note: t.arg.string({ validate: z.string().max(500).nullish() }),
    },
    resolve: (_root, args, ctx) =>
      resolveAnomalies(ctx.db, ctx.actor, {
        readingIds: args.readingIds,
        action: args.action,
        note: args.note ?? null,
      }),
  }),
  declareMeterReplacement: t.withAuth(readingsRight('add')).field({
    type: [ReadingSheetRowType],
    description:
      'Meter replaced inside the period: closes the old meter at its final index (its reading is written), installs the new one.',
    args: {
      input: t.arg({ type: MeterReplacementInput, required: true }),
      newMeter: t.arg({ type: MeterInput, required: true }),
    },
    resolve: (_root, args, ctx) =>
      declareMeterReplacement(ctx.db, ctx.actor, { ...args.input, newMeter: args.newMeter }),
  }),
  declareSuspension: t.withAuth(readingsRight('add')).field({
    type: SuspensionType,
    args: { input: t.arg({ type: SuspensionInput, required: true }) },
    resolve: (_root, args, ctx) => declareSuspension(ctx.db, ctx.actor, args.input),
  }),
  endSuspension: t.withAuth(readingsRight('edit')).field({
    type: SuspensionType,
    args: { id: t.arg.int({ required: true }), toPeriod: t.arg({ type: 'Period', required: true }) },
    resolve: (_root, args, ctx) => endSuspension(ctx.db, ctx.actor, { id: args.id, toPeriod: args.toPeriod }),
  }),
  deleteSuspension: t.withAuth(readingsRight('edit')).boolean({
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => deleteSuspension(ctx.db, ctx.actor, args.id),
  }),
  correctPreviousIndex: t.withAuth(readingsRight('edit')).field({
    type: ReadingSheetRowType,
    description: 'Rolled-back (corrected) previous index; the consumption is recomputed.',
    args: { input: t.arg({ type: CorrectPreviousIndexInput, required: true }) },
    resolve: (_root, args, ctx) => correctPreviousIndex(ctx.db, ctx.actor, args.input),
  }),
  createBackBill: t.withAuth(readingsRight('add')).field({
    type: AdjustmentType,
    args: { input: t.arg({ type: BackBillInput, required: true }) },
    resolve: (_root, args, ctx) => createBackBill(ctx.db, ctx.actor, args.input),
  }),
  spreadOwedConsumption: t.withAuth(readingsRight('add')).field({
    type: [AdjustmentType],
    args: { input: t.arg({ type: SpreadInput, required: true }) },
    resolve: (_root, args, ctx) => spreadOwedConsumption(ctx.db, ctx.actor, args.input),
  }),
  deleteAdjustment: t.withAuth(readingsRight('delete')).int({
    description: 'Deletes an adjustment (or its whole spreading group); returns how many were deleted.',
    args: { id: t.arg.int({ required: true }), wholeGroup: t.arg.boolean() },
    resolve: (_root, args, ctx) =>
      deleteAdjustment(ctx.db, ctx.actor, { id: args.id, wholeGroup: args.wholeGroup ?? false }),
  }),
  lockPeriod: t.withAuth({ admin: true }).field({
    type: PeriodLockStateType,
    description: 'Admin: locks a period for one book, or the whole company when bookId is omitted.',
    args: { period: t.arg({ type: 'Period', required: true }), bookId: t.arg.int() },
    resolve: (_root, args, ctx) => lockPeriod(ctx.db, ctx.actor, { period: args.period, bookId: args.bookId ?? null }),
  }),
  unlockPeriod: t.withAuth({ admin: true }).boolean({
    args: { period: t.arg({ type: 'Period', required: true }), bookId: t.arg.int() },
    resolve: (_root, args, ctx) =>
      unlockPeriod(ctx.db, ctx.actor, { period: args.period, bookId: args.bookId ?? null }),
  }),
  submitDeviceReadings: t.withAuth(readingsRight('add')).field({
    type: DeviceSubmissionResultType,
    description:
      'A handheld device’s batch; idempotent per (deviceId, submissionId): a retry returns the first answer.',
    args: { input: t.arg({ type: DeviceSubmissionInput, required: true }) },
    resolve: (_root, args, ctx) =>
      submitDeviceReadings(ctx.db, ctx.actor, {
        deviceId: args.input.deviceId,
        submissionId: args.input.submissionId,
        readings: args.input.readings.map((r) => ({ ...r, currentIndex: r.currentIndex ?? null })),
      }),
  }),
}));
