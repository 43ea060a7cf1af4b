/**
 * Vietnamese wording of bill lines and warnings. Kept apart from the
 * arithmetic so the texts can be reviewed (and changed) without touching
 * how amounts are computed.
 */
import type { EffectiveTier } from './tiers';
import type { ProrationMethod } from './types';

/** 1234567 → "1.234.567" (Vietnamese digit grouping). */
export function formatNumberVi(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 500 → "5%", 250 → "2,5%", 1 → "0,01%". */
export function formatBasisPoints(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${formatNumberVi(whole)}${frac ? `,${frac}` : ''}%`;
}

/** '2015-10-01' → '01/10/2015'. */
export function formatDateVi(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}

export function tierLabel(tier: EffectiveTier, onlyTier: boolean): string {
  if (onlyTier && tier.to === null && tier.from === 0) return 'Tiền nước (đơn giá một mức)';
  const range =
    tier.to === null
      ? `trên ${formatNumberVi(tier.from)} m3`
      : `${formatNumberVi(tier.from)}–${formatNumberVi(tier.to)} m3`;
  return `Bậc ${tier.tier} (${range})`;
}

const PRORATION_METHOD_LABELS: Readonly<Record<ProrationMethod, string>> = {
  split_days: 'chia lượng tiêu thụ và định mức theo số ngày áp dụng mỗi bảng giá',
  weighted_days: 'tính toàn bộ lượng tiêu thụ theo từng bảng giá rồi phân bổ theo số ngày',
  reading_date: 'áp dụng bảng giá có hiệu lực tại ngày ghi chỉ số',
};

export const LINE_TEXT = {
  subscription: 'Phí thuê bao đồng hồ',
  vat: (bp: number) => `Thuế GTGT (${formatBasisPoints(bp)})`,
  environmentFee: (bp: number) => `Phí bảo vệ môi trường đối với nước thải (${formatBasisPoints(bp)})`,
  drainage: (bp: number) => `Giá dịch vụ thoát nước và xử lý nước thải (${formatBasisPoints(bp)})`,
  drainageVat: (bp: number) => `Thuế GTGT dịch vụ thoát nước (${formatBasisPoints(bp)})`,
} as const;

export const WARNING_TEXT = {
  personsMissing: (code: string) => `Chưa khai báo nhân khẩu cho loại dịch vụ ${code}: tạm tính định mức theo 1 người`,
  minimumApplied: (minimum: number, actual: number) =>
    `Áp dụng lượng tiêu thụ tối thiểu ${formatNumberVi(minimum)} m3 (thực tế ${formatNumberVi(actual)} m3)`,
  preferentialExpired: (code: string, validUntil: string, fallback: string) =>
    `Ưu đãi ${code} đã hết hạn ngày ${formatDateVi(validUntil)}: tính theo giá ${fallback}`,
  tariffChange: (code: string, count: number, method: ProrationMethod) =>
    `Loại dịch vụ ${code} có ${count} bảng giá trong kỳ: ${PRORATION_METHOD_LABELS[method]}`,
} as const;
