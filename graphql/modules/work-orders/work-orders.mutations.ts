import { builder } from '@/graphql/builder';
import { completeWorkOrder } from '@/services/work-orders/completion.service';
import {
  handOverInstallation,
  markWorkOrderInstalled,
  quoteWorkOrder,
  signWorkOrderContract,
  surveyWorkOrder,
} from '@/services/work-orders/installation.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { getWorkOrder } from '@/services/work-orders/queries.service';
import {
  addWorkOrderNote,
  assignWorkOrder,
  cancelWorkOrder,
  changeWorkOrderStatus,
  rejectWorkOrder,
} from '@/services/work-orders/transitions.service';
import { MeterInput } from '../customers/customer.inputs';
import { WorkOrderKindEnum, WorkOrderSourceEnum, WorkOrderStatusEnum, WorkOrderType } from './work-orders.type';

// Inputs are validated by the services (schemas/work-order-input.ts) after the rights check, so a caller without
// the right is refused before anything about their input is said.

const RelocationDetailsInput = builder.inputType('WorkOrderRelocationDetailsInput', {
  fields: (t) => ({
    newAddress: t.string({ required: true }),
    newWardId: t.int(),
    newLatitude: t.string({ description: 'Decimal degrees, e.g. "21.028511".' }),
    newLongitude: t.string(),
  }),
});
const NameChangeDetailsInput = builder.inputType('WorkOrderNameChangeDetailsInput', {
  fields: (t) => ({ newName: t.string({ required: true }) }),
});
const UpgradeDetailsInput = builder.inputType('WorkOrderUpgradeDetailsInput', {
  fields: (t) => ({ meterSize: t.string({ description: 'The connection or meter size asked for, e.g. "DN25".' }) }),
});
const SuspensionDetailsInput = builder.inputType('WorkOrderSuspensionDetailsInput', {
  fields: (t) => ({ fromDate: t.field({ type: 'Date', required: true }), toDate: t.field({ type: 'Date' }) }),
});
const ResumptionDetailsInput = builder.inputType('WorkOrderResumptionDetailsInput', {
  fields: (t) => ({ fromDate: t.field({ type: 'Date' }) }),
});

const WorkOrderInput = builder.inputType('WorkOrderInput', {
  description: 'A request taken in by staff (phone, counter). Give the details input of the kind, if it has one.',
  fields: (t) => ({
    kind: t.field({ type: WorkOrderKindEnum, required: true }),
    source: t.field({ type: WorkOrderSourceEnum, required: true }),
    customerId: t.int({ description: 'Required except for INSTALLATION, LEAK_REPORT and PROBLEM_REPORT.' }),
    applicantName: t.string({ required: true }),
    applicantPhone: t.string({ required: true }),
    applicantEmail: t.string(),
    citizenId: t.string(),
    address: t.string(),
    wardId: t.int(),
    latitude: t.string({ description: 'Decimal degrees as text, e.g. "21.028511".' }),
    longitude: t.string(),
    serviceTypeId: t.int({ description: 'Purpose of use of a new connection.' }),
    households: t.int(),
    persons: t.int(),
    description: t.string(),
    complaintKindId: t.int(),
    invoiceId: t.int({ description: 'The disputed invoice of a BILL_DISPUTE (one of the customer’s).' }),
    idempotencyKey: t.string({ description: 'Sent again with a retry: the same key creates one order.' }),
    relocation: t.field({ type: RelocationDetailsInput }),
    nameChange: t.field({ type: NameChangeDetailsInput }),
    upgrade: t.field({ type: UpgradeDetailsInput }),
    suspension: t.field({ type: SuspensionDetailsInput }),
    resumption: t.field({ type: ResumptionDetailsInput }),
  }),
});

const QuoteLineInput = builder.inputType('WorkOrderQuoteLineInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    unit: t.string({ required: true }),
    quantity: t.float({ required: true, description: 'Up to 3 decimals.' }),
    unitPrice: t.field({ type: 'Money', required: true }),
  }),
});

const RelocationCompletionInput = builder.inputType('WorkOrderRelocationCompletionInput', {
  description: 'Defaults to the new address of the request.',
  fields: (t) => ({
    address: t.string(),
    wardId: t.int(),
    latitude: t.string(),
    longitude: t.string(),
  }),
});
const MeterReplacementCompletionInput = builder.inputType('WorkOrderMeterReplacementInput', {
  fields: (t) => ({
    finalIndex: t.int({ required: true, description: 'The outgoing meter’s index when removed.' }),
    removedOn: t.field({ type: 'Date', required: true }),
    meter: t.field({ type: MeterInput, required: true }),
  }),
});
const NameChangeCompletionInput = builder.inputType('WorkOrderNameChangeCompletionInput', {
  fields: (t) => ({
    newName: t.string({ description: 'Defaults to the name asked for in the request.' }),
    signedOn: t.field({ type: 'Date', required: true }),
  }),
});

builder.mutationFields((t) => ({
  createWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description:
      'Takes in a request: the add right of installations (a new connection) or complaints (any other) on its branch, and for a customer their book. The same idempotencyKey answers the first order.',
    args: { input: t.arg({ type: WorkOrderInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { relocation, nameChange, upgrade, suspension, resumption, ...fields } = input;
      const details = relocation ?? nameChange ?? upgrade ?? suspension ?? resumption ?? {};
      const { id: created } = await receiveWorkOrder(ctx.db, { actor: ctx.actor }, { ...fields, details });
      return getWorkOrder(ctx.db, ctx.actor, created);
    },
  }),
  assignWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description: 'Assigns a team and/or a staff member; a service request moves RECEIVED → ASSIGNED.',
    args: {
      id: t.arg.int({ required: true }),
      teamId: t.arg.int(),
      userId: t.arg.int(),
      note: t.arg.string(),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => assignWorkOrder(ctx.db, ctx.actor, args),
  }),
  changeWorkOrderStatus: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description:
      'A bare status change (IN_PROGRESS; REJECTED or CANCELLED with the note as reason). Steps that record data have their own mutations (WORK_ORDER_STEP_NEEDS_DATA).',
    args: {
      id: t.arg.int({ required: true }),
      status: t.arg({ type: WorkOrderStatusEnum, required: true }),
      note: t.arg.string(),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => changeWorkOrderStatus(ctx.db, ctx.actor, args),
  }),
  surveyWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description: 'Installation: the survey’s findings and, if corrected, the coordinates. RECEIVED → SURVEYED.',
    args: {
      id: t.arg.int({ required: true }),
      notes: t.arg.string({ required: true }),
      latitude: t.arg.string(),
      longitude: t.arg.string(),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => surveyWorkOrder(ctx.db, ctx.actor, args),
  }),
  quoteWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description: 'Installation: the quote’s lines (amounts computed by the server). SURVEYED → QUOTED, or a new quote.',
    args: {
      id: t.arg.int({ required: true }),
      lines: t.arg({ type: [QuoteLineInput], required: true }),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => quoteWorkOrder(ctx.db, ctx.actor, args),
  }),
  signWorkOrderContract: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description: 'Installation: the contract signed. QUOTED → CONTRACTED.',
    args: {
      id: t.arg.int({ required: true }),
      contractNumber: t.arg.string({ required: true }),
      signedOn: t.arg({ type: 'Date', required: true }),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => signWorkOrderContract(ctx.db, ctx.actor, args),
  }),
  markWorkOrderInstalled: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description: 'Installation: the meter installed (serial, type, first index, date). CONTRACTED → INSTALLED.',
    args: {
      id: t.arg.int({ required: true }),
      meter: t.arg({ type: MeterInput, required: true }),
      teamId: t.arg.int(),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => markWorkOrderInstalled(ctx.db, ctx.actor, args),
  }),
  handOverInstallation: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description:
      'Installation: hands over. Creates the customer (at the end of the chosen book unless a sequence is given), the meter and the contract in one transaction; INSTALLED → DONE. Needs the customers add right on the book.',
    args: {
      id: t.arg.int({ required: true }),
      bookId: t.arg.int({ required: true }),
      sequenceNo: t.arg.int(),
      handoverOn: t.arg({ type: 'Date', required: true }),
      isOrganization: t.arg.boolean(),
      taxCode: t.arg.string(),
      expectedVersion: t.arg.int(),
    },
    resolve: async (_root, args, ctx) =>
      (
        await handOverInstallation(ctx.db, ctx.actor, {
          id: args.id,
          bookId: args.bookId,
          sequenceNo: args.sequenceNo,
          handoverOn: args.handoverOn,
          customerType: args.isOrganization ? 1 : 0,
          taxCode: args.taxCode,
          expectedVersion: args.expectedVersion,
        })
      ).order,
  }),
  completeWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    description:
      'Completes an order in progress with its resolution; relocation, meter replacement/upgrade, suspension, resumption, cut-off, reconnection and name change update the customer through the customer services in the same transaction. A cut-off is refused while a bill dispute is open (CUT_OFF_DURING_DISPUTE).',
    args: {
      id: t.arg.int({ required: true }),
      resolution: t.arg.string({ required: true }),
      relocation: t.arg({ type: RelocationCompletionInput }),
      meterReplacement: t.arg({ type: MeterReplacementCompletionInput }),
      nameChange: t.arg({ type: NameChangeCompletionInput }),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => completeWorkOrder(ctx.db, ctx.actor, args),
  }),
  rejectWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    args: {
      id: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true }),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => rejectWorkOrder(ctx.db, ctx.actor, args),
  }),
  cancelWorkOrder: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    args: {
      id: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true }),
      expectedVersion: t.arg.int(),
    },
    resolve: (_root, args, ctx) => cancelWorkOrder(ctx.db, ctx.actor, args),
  }),
  addWorkOrderNote: t.withAuth({ staff: true }).field({
    type: WorkOrderType,
    args: { id: t.arg.int({ required: true }), note: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await addWorkOrderNote(ctx.db, ctx.actor, args);
      return getWorkOrder(ctx.db, ctx.actor, args.id);
    },
  }),
}));
