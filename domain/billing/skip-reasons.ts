/**
 * Which customers a billing run bills, and why it skips the others. The end-of-run summary lists the
 * skipped customers with these reasons, so every reason has a Vietnamese label.
 */

export const SKIP_REASONS = [
  'no_service_type',
  'suspended',
  'no_reading',
  'anomaly_open',
  'cut_off',
  'no_tariff',
  'invalid_data',
  'invoice_issued',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_REASON_LABELS: Readonly<Record<SkipReason, string>> = {
  no_service_type: 'Chưa có loại dịch vụ',
  suspended: 'Đang tạm dừng cấp nước',
  no_reading: 'Chưa có chỉ số kỳ này',
  anomaly_open: 'Chỉ số bất thường chưa được duyệt',
  cut_off: 'Đã ngừng cấp nước, không tiêu thụ',
  no_tariff: 'Chưa có bảng giá hiệu lực cho loại dịch vụ',
  invalid_data: 'Dữ liệu tính tiền không hợp lệ (số hộ, nhân khẩu, tỷ lệ phân chia)',
  invoice_issued: 'Hóa đơn kỳ này đã phát hành, không tính lại',
};

export interface BillingCandidate {
  hasServiceType: boolean;
  isSuspended: boolean;
  /** 1 in service, 0 cut off. */
  status: number;
  /** Reading rows of the period (two when a meter was replaced inside it). */
  readingCount: number;
  hasOpenAnomaly: boolean;
  /** Sum of the period's reading consumptions. */
  consumption: number;
  /** m3 of spread adjustments billed this period. */
  spreadQuantity: number;
  /** Back-billing adjustments billed this period. */
  backbillCount: number;
}

export type BillingDecision =
  { bill: false; reason: SkipReason } | { bill: true; regular: boolean; consumption: number; backbill: boolean };

/**
 * The order of the checks is the order a clerk fixes things in: the customer's file first (service
 * type, suspension), then the readings. A suspended customer gets no bill at all, not even back-billing.
 */
export function decideBilling(c: BillingCandidate): BillingDecision {
  if (!c.hasServiceType) return { bill: false, reason: 'no_service_type' };
  if (c.isSuspended) return { bill: false, reason: 'suspended' };
  const hasAdjustments = c.spreadQuantity > 0 || c.backbillCount > 0;
  if (c.readingCount === 0) {
    if (!hasAdjustments) return { bill: false, reason: c.status === 0 ? 'cut_off' : 'no_reading' };
    return { bill: true, regular: c.spreadQuantity > 0, consumption: c.spreadQuantity, backbill: c.backbillCount > 0 };
  }
  if (c.hasOpenAnomaly) return { bill: false, reason: 'anomaly_open' };
  if (c.status === 0 && c.consumption === 0 && !hasAdjustments) return { bill: false, reason: 'cut_off' };
  return {
    bill: true,
    regular: true,
    consumption: Math.max(0, c.consumption) + c.spreadQuantity,
    backbill: c.backbillCount > 0,
  };
}
