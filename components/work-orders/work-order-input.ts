import type { IntakeFormOutput } from '@/schemas/work-order-forms';
import type { Completion } from './completion-form';
import type { HandoverValues } from './step-forms';
import type { WorkOrderFilterValue } from './work-order-filter-params';
import type { CreateWorkOrderInput, WorkOrdersVariables } from './work-orders.documents';

/**
 * The intake form's parsed values (the API's own schema already ran over them) → createWorkOrder's input: the kind's
 * details travel in the input named after the kind.
 */
export function toCreateWorkOrderInput(v: IntakeFormOutput, idempotencyKey: string | null): CreateWorkOrderInput {
  const d = v.details as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : null);
  const int = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null);
  return {
    kind: v.kind,
    source: v.source,
    customerId: v.customerId,
    applicantName: v.applicantName,
    applicantPhone: v.applicantPhone,
    applicantEmail: v.applicantEmail,
    citizenId: v.citizenId,
    address: v.address,
    wardId: v.wardId,
    latitude: v.latitude,
    longitude: v.longitude,
    serviceTypeId: v.serviceTypeId,
    households: v.households,
    persons: v.persons,
    description: v.description,
    complaintKindId: v.complaintKindId,
    invoiceId: v.invoiceId,
    idempotencyKey,
    ...(v.kind === 'RELOCATION'
      ? { relocation: { newAddress: str('newAddress') ?? '', newWardId: int('newWardId') } }
      : v.kind === 'NAME_CHANGE'
        ? { nameChange: { newName: str('newName') ?? '' } }
        : v.kind === 'UPGRADE'
          ? { upgrade: { meterSize: str('meterSize') } }
          : v.kind === 'SUSPENSION'
            ? { suspension: { fromDate: str('fromDate') ?? '', toDate: str('toDate') } }
            : v.kind === 'RESUMPTION'
              ? { resumption: { fromDate: str('fromDate') } }
              : {}),
  };
}

/** The list's filter as the query's variables; a one-letter search waits for a second (the API refuses it). */
export function workOrdersVariables(f: WorkOrderFilterValue, after: string | null, first = 50): WorkOrdersVariables {
  type Filter = NonNullable<WorkOrdersVariables['filter']>;
  return {
    first,
    after,
    filter: {
      statuses: f.status ? [f.status as NonNullable<Filter['statuses']>[number]] : null,
      kinds: f.kind ? [f.kind as NonNullable<Filter['kinds']>[number]] : null,
      branchId: f.branchId,
      overdueOnly: f.overdueOnly || null,
      search: f.search.length >= 2 ? f.search : null,
    },
  };
}

/** What completeWorkOrder takes for each completion form. */
export function completionVariables(c: Completion) {
  switch (c.kind) {
    case 'relocation':
      return {
        resolution: c.values.resolution,
        relocation: {
          address: c.values.address,
          wardId: c.values.wardId,
          latitude: c.values.latitude,
          longitude: c.values.longitude,
        },
      };
    case 'replacement':
      return {
        resolution: c.values.resolution,
        meterReplacement: { finalIndex: c.values.finalIndex, removedOn: c.values.removedOn, meter: c.values.meter },
      };
    case 'nameChange':
      return {
        resolution: c.values.resolution,
        nameChange: { newName: c.values.newName, signedOn: c.values.signedOn },
      };
    case 'resolution':
      return { resolution: c.values.resolution };
  }
}

/** The handover form → handOverInstallation's arguments. */
export const handoverVariables = (v: HandoverValues) => ({
  bookId: v.bookId,
  handoverOn: v.handoverOn,
  isOrganization: v.customerType === 1,
  taxCode: v.taxCode,
});
