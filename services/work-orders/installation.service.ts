/**
 * The steps of a new connection (SPEC §7): survey → quote → contract → installation → handover. Each step records
 * its data on the order and moves it one status on; the handover creates the customer, meter and contract through
 * the customer service, in the same transaction as the order's last step.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { meters } from '@/db/schema/customers';
import { computeQuote, QuoteError, type QuoteLineInput } from '@/domain/work-orders/quote';
import { type MeterInput, meterInputSchema } from '@/schemas/customer-input';
import {
  contractSignedInputSchema,
  handoverInputSchema,
  quoteInputSchema,
  surveyInputSchema,
} from '@/schemas/work-order-input';
import type { Actor } from '@/services/auth/actor';
import { createCustomer } from '@/services/customers/customer.service';
import { customerFieldsSchema } from '@/services/customers/customer-input';
import { AppError } from '@/services/errors';
import { kindOf, type WorkOrderRow } from './access';
import { applyWorkOrderChange, withWorkOrder } from './transitions.service';
import { parseOrThrow } from './validation';

/** The schema already bounds every line; what remains is a total too large to hold exactly. */
function quoteOf(lines: QuoteLineInput[]) {
  try {
    return computeQuote(lines);
  } catch (e) {
    if (e instanceof QuoteError)
      throw new AppError('VALIDATION_FAILED', 'Báo giá không hợp lệ: tổng tiền quá lớn hoặc dòng không hợp lệ.', {
        field: e.line === null ? 'lines' : `lines.${e.line}`,
      });
    throw e;
  }
}

interface Versioned {
  id: number;
  expectedVersion?: number | null;
}

function assertInstallation(row: WorkOrderRow): void {
  if (kindOf(row) !== 'INSTALLATION')
    throw new AppError('WORK_ORDER_WRONG_KIND', 'Thao tác này chỉ dành cho phiếu lắp đặt mới.');
}

/** What the installation steps keep in `details`. */
interface InstallationDetails {
  survey?: { notes: string; surveyedAt: string };
  contract?: { contractNumber: string; signedOn: string };
  installation?: MeterInput;
}

function installationDetailsOf(row: WorkOrderRow): InstallationDetails {
  return row.details as InstallationDetails;
}

export async function surveyWorkOrder(
  db: DbOrTx,
  actor: Actor,
  input: Versioned & { notes: string; latitude?: string | null; longitude?: string | null },
): Promise<WorkOrderRow> {
  return withWorkOrder(db, actor, input.id, 'edit', (tx, row) => {
    assertInstallation(row);
    const survey = parseOrThrow(surveyInputSchema, input);
    const details = { ...row.details, survey: { notes: survey.notes, surveyedAt: new Date().toISOString() } };
    return applyWorkOrderChange(tx, { actor }, row, {
      to: 'SURVEYED',
      note: survey.notes,
      data: survey.latitude === null ? null : { latitude: survey.latitude, longitude: survey.longitude },
      set: {
        details,
        ...(survey.latitude !== null ? { latitude: survey.latitude, longitude: survey.longitude } : {}),
      },
      expectedVersion: input.expectedVersion,
    });
  });
}

/** Quotes (or re-quotes, while the contract is not signed): amounts are computed here, never taken from the client. */
export async function quoteWorkOrder(
  db: DbOrTx,
  actor: Actor,
  input: Versioned & { lines: { name: string; unit: string; quantity: number; unitPrice: number }[] },
): Promise<WorkOrderRow> {
  return withWorkOrder(db, actor, input.id, 'edit', (tx, row) => {
    assertInstallation(row);
    const quote = quoteOf(parseOrThrow(quoteInputSchema, input).lines);
    return applyWorkOrderChange(tx, { actor }, row, {
      to: 'QUOTED',
      note: row.status === 'QUOTED' ? 'Lập lại báo giá' : null,
      data: { total: quote.total },
      set: { quote, quoteTotal: quote.total },
      expectedVersion: input.expectedVersion,
    });
  });
}

export async function signWorkOrderContract(
  db: DbOrTx,
  actor: Actor,
  input: Versioned & { contractNumber: string; signedOn: string },
): Promise<WorkOrderRow> {
  return withWorkOrder(db, actor, input.id, 'edit', (tx, row) => {
    assertInstallation(row);
    const contract = parseOrThrow(contractSignedInputSchema, input);
    return applyWorkOrderChange(tx, { actor }, row, {
      to: 'CONTRACTED',
      data: contract,
      set: { details: { ...row.details, contract } },
      expectedVersion: input.expectedVersion,
    });
  });
}

/** The meter is in the ground: its serial, type and first index wait on the order for the handover. */
export async function markWorkOrderInstalled(
  db: DbOrTx,
  actor: Actor,
  input: Versioned & { meter: unknown; teamId?: number | null },
): Promise<WorkOrderRow> {
  return withWorkOrder(db, actor, input.id, 'edit', async (tx, row) => {
    assertInstallation(row);
    const meter = parseOrThrow(meterInputSchema, input.meter);
    // Told now rather than at handover; the handover's createCustomer checks again under its own constraint.
    const [taken] = await tx
      .select({ id: meters.id })
      .from(meters)
      .where(and(eq(meters.serial, meter.serial), eq(meters.isActive, true)))
      .limit(1);
    if (taken)
      throw new AppError('DUPLICATE_METER_SERIAL', `Số seri ${meter.serial} đang được lắp cho một khách hàng khác.`, {
        field: 'serial',
      });
    return applyWorkOrderChange(tx, { actor }, row, {
      to: 'INSTALLED',
      data: { serial: meter.serial, initialIndex: meter.initialIndex, installedOn: meter.installedOn },
      set: {
        details: { ...row.details, installation: meter },
        ...(input.teamId ? { teamId: input.teamId } : {}),
      },
      expectedVersion: input.expectedVersion,
    });
  });
}

export interface HandOverInput extends Versioned {
  bookId: number;
  sequenceNo?: number | null;
  handoverOn: string;
  customerType?: 0 | 1 | null;
  taxCode?: string | null;
}

/**
 * The last step: the applicant becomes a customer of the chosen book (next sequence at its end unless given), with
 * the installed meter and contract revision 1 signed on the contract step's date — all through createCustomer and
 * in ONE transaction with the order's move to DONE, so a failure anywhere leaves neither a customer nor a done order.
 * Needs the order's `edit` right and the `add` right of customers on the chosen book.
 */
export async function handOverInstallation(
  db: DbOrTx,
  actor: Actor,
  input: HandOverInput,
): Promise<{ order: WorkOrderRow; customerId: number }> {
  return withWorkOrder(db, actor, input.id, 'edit', async (tx, row) => {
    assertInstallation(row);
    const handover = parseOrThrow(handoverInputSchema, input);
    const details = installationDetailsOf(row);
    if (row.status !== 'INSTALLED' || !details.installation || !details.contract) {
      throw new AppError(
        'WORK_ORDER_TRANSITION_REFUSED',
        `Phiếu ${row.trackingCode} chưa lắp đặt xong nên chưa thể bàn giao.`,
        { field: 'status' },
      );
    }
    const customer = parseOrThrow(customerFieldsSchema, {
      bookId: handover.bookId,
      sequenceNo: handover.sequenceNo,
      name: row.applicantName,
      customerType: handover.customerType,
      taxCode: handover.taxCode,
      citizenId: row.citizenId,
      address: row.address ?? '',
      wardId: row.wardId,
      serviceTypeId: row.serviceTypeId,
      households: row.households ?? 1,
      persons: row.persons ?? 0,
      phone: row.applicantPhone,
      email: row.applicantEmail,
      wastewaterFeeMode: 'standard',
      status: 1,
      isPreferential: false,
      extra: {},
      latitude: row.latitude === null ? null : Number(row.latitude),
      longitude: row.longitude === null ? null : Number(row.longitude),
    });
    const created = await createCustomer(tx, actor, {
      customer,
      meter: details.installation,
      contract: {
        address: null,
        signedOn: details.contract.signedOn,
        handoverOn: handover.handoverOn,
        installedOn: details.installation.installedOn,
        installationTeamId: row.teamId,
      },
    });
    const order = await applyWorkOrderChange(tx, { actor }, row, {
      to: 'DONE',
      note: `Bàn giao: khách hàng ${created.code}`,
      data: {
        customerId: created.id,
        customerCode: created.code,
        bookId: created.bookId,
        sequenceNo: created.sequenceNo,
      },
      set: {
        customerId: created.id,
        bookId: created.bookId,
        resolution: `Đã lắp đặt và bàn giao, mã khách hàng ${created.code}.`,
      },
      expectedVersion: input.expectedVersion,
    });
    return { order, customerId: created.id };
  });
}
