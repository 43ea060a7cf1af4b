/**
 * The portal's bill calculator (public): what a given consumption costs under the company's tariff of a
 * period. Same engine and same tariff rows as the billing run, so an estimate equals the bill of a
 * standard customer (1 household unless told, wastewater fee at the tariff's rate, urban ward).
 */
import { calculateBill } from '@/domain/tariff/engine';
import type { BillWarning } from '@/domain/tariff/types';
import { periodBounds } from '@/domain/reading/period';
import type { DbOrTx } from '@/db/client';
import { AppError } from '@/services/errors';
import { currentPeriodInVietnam } from '@/domain/billing/periods';
import { estimateBillSchema, type EstimateBillInput } from '@/schemas/tariff-input';
import { withDomainErrors } from './tariff-errors';
import { loadTariffBook } from './tariff-versions';

export interface BillEstimateLine {
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface BillEstimate {
  lines: BillEstimateLine[];
  subtotal: number;
  vat: number;
  environmentFee: number;
  drainageFee: number;
  drainageVat: number;
  total: number;
  /** What the estimate assumed (e.g. 0 persons billed as 1): a visitor must see it next to the amount. */
  warnings: BillWarning[];
}

export async function estimateBill(
  db: DbOrTx,
  rawInput: EstimateBillInput,
  now: Date = new Date(),
): Promise<BillEstimate> {
  const parsed = estimateBillSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', issue?.message ?? 'Dữ liệu không hợp lệ.', {
      field: issue?.path.map(String).join('.') ?? '',
    });
  }
  const input = parsed.data;
  const code = input.serviceTypeCode.toUpperCase();
  const period = input.period ?? currentPeriodInVietnam(now);
  const book = await loadTariffBook(db, [code]);
  if (!book.serviceTypesByCode.has(code)) {
    throw new AppError('UNKNOWN_SERVICE_TYPE', `Không có loại dịch vụ mã ${code}.`, { field: 'serviceTypeCode' });
  }
  const bounds = periodBounds(period);
  const result = withDomainErrors(() =>
    calculateBill({
      period,
      periodStart: bounds.start,
      periodEnd: bounds.end,
      consumption: input.consumption,
      households: input.households ?? 1,
      persons: input.persons ?? 1,
      versionsByServiceType: book.versionsByServiceType,
      serviceTypeCode: code,
      wastewater: { mode: 'standard' },
      isRuralCommune: false,
    }),
  );
  return {
    lines: result.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: l.amount,
    })),
    subtotal: result.subtotal,
    vat: result.vat,
    environmentFee: result.environmentFee,
    drainageFee: result.drainageFee,
    drainageVat: result.drainageVat,
    total: result.total,
    warnings: result.warnings,
  };
}
