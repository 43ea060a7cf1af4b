import type { DataGridColumn } from '@/components/ui/data-grid';
import { fmtInt, fmtVnd, formatBasisPoints } from '@/components/readings/format';
import { BASIS_SHORT, dmy, TIER_UNIT, UTILITY_LABELS } from './tariff-labels';
import type { TariffServiceType, TariffTier, TariffVersion } from './tariffs.documents';

export const TYPE_COLUMNS: DataGridColumn<TariffServiceType>[] = [
  { key: 'code', header: 'Mã', width: 104, value: (t) => t.code },
  { key: 'name', header: 'Tên loại dịch vụ', width: 'minmax(100px,1fr)', value: (t) => t.name },
  { key: 'utility', header: 'Ngành', width: 54, value: (t) => UTILITY_LABELS[t.utility] ?? t.utility },
];

export function versionColumns(today: string, current: number | null): DataGridColumn<TariffVersion>[] {
  return [
    {
      key: 'from',
      header: 'Hiệu lực từ',
      width: 156,
      value: (v) => v.effectiveFrom,
      render: (v) => (
        <span className="flex items-center gap-1">
          {dmy(v.effectiveFrom)}
          {v.id === current ? (
            <span className="rounded bg-emerald-100 px-1 text-[10px] font-semibold text-emerald-800">đang áp dụng</span>
          ) : v.effectiveFrom > today ? (
            <span className="rounded bg-sky-100 px-1 text-[10px] font-semibold text-sky-800">sắp áp dụng</span>
          ) : null}
        </span>
      ),
    },
    { key: 'basis', header: 'Định mức', width: 80, value: (v) => BASIS_SHORT[v.basis] },
    {
      key: 'vat',
      header: 'GTGT',
      width: 56,
      align: 'right',
      value: (v) => v.vatRateBp,
      render: (v) => formatBasisPoints(v.vatRateBp),
    },
    {
      key: 'env',
      header: 'BVMT',
      width: 56,
      align: 'right',
      value: (v) => v.environmentFeeBp,
      render: (v) => formatBasisPoints(v.environmentFeeBp),
    },
    {
      key: 'dr',
      header: 'Thoát nước',
      width: 84,
      align: 'right',
      value: (v) => v.drainageBp,
      render: (v) => (v.drainageBp ? formatBasisPoints(v.drainageBp) : '—'),
    },
    { key: 'tiers', header: 'Bậc', width: 48, align: 'right', value: (v) => v.tiers.length },
    {
      key: 'use',
      header: 'Đã dùng',
      width: 66,
      align: 'center',
      value: (v) => v.isInUse,
      render: (v) => (v.isInUse ? '✓' : ''),
    },
  ];
}

export function tierColumns(basis: TariffVersion['basis'], tiers: readonly TariffTier[]): DataGridColumn<TariffTier>[] {
  return [
    { key: 'ordinal', header: 'Bậc', width: 52, align: 'right', value: (t) => t.ordinal },
    {
      key: 'from',
      header: 'Từ',
      width: 90,
      align: 'right',
      sortable: false,
      render: (t) => {
        // The lower bound of a tier is the previous tier's limit.
        const i = tiers.findIndex((x) => x.id === t.id);
        const prev = i > 0 ? tiers[i - 1] : undefined;
        return <span className="text-slate-500">{prev?.upTo != null ? `> ${fmtInt(prev.upTo)}` : '0'}</span>;
      },
    },
    {
      key: 'upTo',
      header: `Đến (${TIER_UNIT[basis]})`,
      width: 'minmax(130px,1fr)',
      align: 'right',
      value: (t) => t.upTo,
      render: (t) => (t.upTo === null ? <span className="text-slate-500">không giới hạn</span> : fmtInt(t.upTo)),
    },
    {
      key: 'price',
      header: 'Đơn giá (đồng/m3)',
      width: 'minmax(130px,1fr)',
      align: 'right',
      value: (t) => t.unitPrice,
      render: (t) => fmtVnd(t.unitPrice),
    },
  ];
}
