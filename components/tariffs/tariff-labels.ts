import type { ProrationMethod, TariffBasis } from './tariffs.documents';

export const BASIS_LABELS: Record<TariffBasis, string> = {
  household: 'Theo hộ (định mức × số hộ)',
  person: 'Theo nhân khẩu (định mức × số người)',
  flat: 'Một giá',
};
export const BASIS_SHORT: Record<TariffBasis, string> = { household: 'Theo hộ', person: 'Theo người', flat: 'Một giá' };
export const TIER_UNIT: Record<TariffBasis, string> = {
  household: 'm3/hộ/tháng',
  person: 'm3/người/tháng',
  flat: 'm3',
};

export const PRORATION_LABELS: Record<ProrationMethod, string> = {
  split_days: 'Chia m3 và định mức theo ngày',
  weighted_days: 'Tính cả m3 theo từng giá, phân bổ theo ngày',
  reading_date: 'Giá hiệu lực tại ngày ghi chỉ số',
};

export const UTILITY_LABELS: Record<string, string> = {
  water: 'Nước',
  electricity: 'Điện',
  sanitation: 'Vệ sinh môi trường',
};

/** 2026-07-01 → 01/07/2026. */
export const dmy = (d: string) => d.split('-').reverse().join('/');
