/**
 * Input checks of the rate engine. A wrong household count or tier table
 * silently produces a wrong bill, so everything is checked up front and a
 * TariffError with a stable code and a Vietnamese message is thrown.
 */
import { isValidDate, isValidPeriod, compareDates } from '../reading/period';
import { TariffError } from './errors';
import type { BillInput, TariffVersion } from './types';

const BASES = ['household', 'person', 'flat'] as const;
const METHODS = ['split_days', 'weighted_days', 'reading_date'] as const;

function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function invalidTariff(version: TariffVersion, why: string): TariffError {
  return new TariffError(
    'INVALID_TARIFF',
    `Bảng giá ${version.serviceTypeCode} (mã ${String(version.id)}, từ ${version.effectiveFrom}): ${why}`,
  );
}

export function validateTariffVersion(version: TariffVersion, expectedCode: string): void {
  if (!Number.isSafeInteger(version.id)) throw invalidTariff(version, 'mã phiên bản phải là số nguyên');
  if (version.serviceTypeCode !== expectedCode) {
    throw invalidTariff(version, `thuộc loại dịch vụ khác với "${expectedCode}"`);
  }
  if (!isValidDate(version.effectiveFrom)) throw invalidTariff(version, 'ngày hiệu lực không hợp lệ');
  if (!BASES.includes(version.basis)) throw invalidTariff(version, 'cách tính định mức không hợp lệ');
  if (!METHODS.includes(version.prorationMethod))
    throw invalidTariff(version, 'phương pháp đổi giá trong kỳ không hợp lệ');
  for (const [name, value] of [
    ['thuế suất GTGT', version.vatRateBp],
    ['tỷ lệ phí bảo vệ môi trường', version.environmentFeeBp],
    ['tỷ lệ giá dịch vụ thoát nước', version.drainageBp],
    ['thuế suất GTGT dịch vụ thoát nước', version.drainageVatBp],
  ] as const) {
    if (!isNonNegativeInt(value)) throw invalidTariff(version, `${name} phải là số nguyên không âm (điểm cơ bản)`);
  }
  if (version.minConsumption != null && !isNonNegativeInt(version.minConsumption)) {
    throw invalidTariff(version, 'tiêu thụ tối thiểu phải là số nguyên không âm');
  }
  if (version.meterSubscription != null && !isNonNegativeInt(version.meterSubscription)) {
    throw invalidTariff(version, 'phí thuê bao đồng hồ phải là số nguyên không âm');
  }

  const tiers = version.tiers;
  if (tiers.length === 0) throw invalidTariff(version, 'chưa có bậc giá nào');
  if (version.basis === 'flat' && tiers.length !== 1) throw invalidTariff(version, 'giá một mức chỉ có đúng một bậc');
  let previous = 0;
  tiers.forEach((tier, i) => {
    if (!isNonNegativeInt(tier.unitPrice))
      throw invalidTariff(version, `đơn giá bậc ${i + 1} phải là số nguyên không âm`);
    const last = i === tiers.length - 1;
    if (last) {
      if (tier.upTo !== null) throw invalidTariff(version, 'bậc cuối cùng phải không giới hạn');
    } else if (!isNonNegativeInt(tier.upTo) || tier.upTo <= previous) {
      throw invalidTariff(version, `giới hạn bậc ${i + 1} phải là số nguyên lớn hơn bậc trước`);
    } else {
      previous = tier.upTo;
    }
  });
}

export function validateBillInput(input: BillInput): void {
  if (!isValidPeriod(input.period)) {
    throw new TariffError('INVALID_PERIOD', `Kỳ hóa đơn "${input.period}" không hợp lệ (định dạng YYYY-MM)`);
  }
  for (const [name, value] of [
    ['Ngày đầu kỳ', input.periodStart],
    ['Ngày cuối kỳ', input.periodEnd],
  ] as const) {
    if (!isValidDate(value))
      throw new TariffError('INVALID_PERIOD', `${name} "${value}" không hợp lệ (định dạng YYYY-MM-DD)`);
  }
  if (compareDates(input.periodStart, input.periodEnd) > 0) {
    throw new TariffError('INVALID_PERIOD', 'Ngày đầu kỳ phải trước hoặc bằng ngày cuối kỳ');
  }
  if (input.readingDate !== undefined && !isValidDate(input.readingDate)) {
    throw new TariffError('INVALID_PERIOD', `Ngày ghi chỉ số "${input.readingDate}" không hợp lệ`);
  }
  if (!isNonNegativeInt(input.consumption)) {
    throw new TariffError(
      'INVALID_CONSUMPTION',
      `Lượng tiêu thụ phải là số nguyên m3 không âm, nhận được ${String(input.consumption)}`,
    );
  }
  if (!isNonNegativeInt(input.households) || input.households < 1) {
    throw new TariffError(
      'INVALID_HOUSEHOLDS',
      `Số hộ dùng chung phải là số nguyên từ 1 trở lên, nhận được ${String(input.households)}`,
    );
  }
  if (!isNonNegativeInt(input.persons)) {
    throw new TariffError(
      'INVALID_PERSONS',
      `Số nhân khẩu phải là số nguyên không âm, nhận được ${String(input.persons)}`,
    );
  }
  if (input.preferential && !isValidDate(input.preferential.validUntil)) {
    throw new TariffError('INVALID_PERIOD', `Ngày hết hạn ưu đãi "${input.preferential.validUntil}" không hợp lệ`);
  }

  const ww = input.wastewater;
  if (!['standard', 'exempt', 'custom'].includes(ww.mode)) {
    throw new TariffError('INVALID_WASTEWATER', `Chế độ phí nước thải "${String(ww.mode)}" không hợp lệ`);
  }
  if (ww.mode === 'custom' && !isNonNegativeInt(ww.customBp)) {
    throw new TariffError('INVALID_WASTEWATER', 'Tỷ lệ phí nước thải riêng phải là số nguyên không âm (điểm cơ bản)');
  }

  if (input.splits !== undefined) validateSplits(input.splits);
}

function validateSplits(splits: NonNullable<BillInput['splits']>): void {
  if (splits.length === 0) throw new TariffError('INVALID_SPLIT', 'Danh sách phân chia mục đích sử dụng đang trống');
  const seen = new Set<string>();
  let sum = 0;
  for (const s of splits) {
    if (!Number.isSafeInteger(s.percent) || s.percent <= 0 || s.percent > 100) {
      throw new TariffError(
        'INVALID_SPLIT',
        `Tỷ lệ của ${s.serviceTypeCode} phải là số nguyên từ 1 đến 100, nhận được ${String(s.percent)}`,
      );
    }
    if (seen.has(s.serviceTypeCode)) {
      throw new TariffError('INVALID_SPLIT', `Loại dịch vụ ${s.serviceTypeCode} xuất hiện nhiều lần trong phân chia`);
    }
    seen.add(s.serviceTypeCode);
    sum += s.percent;
  }
  if (sum !== 100) throw new TariffError('INVALID_SPLIT', `Tổng tỷ lệ phân chia phải bằng 100%, hiện là ${sum}%`);
}
