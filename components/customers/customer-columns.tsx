import type { DataGridColumn } from '@/components/ui/data-grid';
import { withoutRegion } from '@/domain/customers/service-type-region';
import type { BookCustomer, CatalogItem } from './customer-documents';

/**
 * The book grid's columns. The service type ("đối tượng") shows its name beside its code: a clerk reads
 * "HN_SH · Sinh hoạt hộ gia đình", not a bare code; the name comes from the catalog the form already loads.
 */
export function customerColumns(serviceTypes: ReadonlyMap<string, CatalogItem>): DataGridColumn<BookCustomer>[] {
  const fullName = (code: string | null) => (code ? (serviceTypes.get(code)?.name ?? '') : '');
  const serviceName = (code: string | null) => withoutRegion(fullName(code));
  return [
    { key: 'sequenceNo', header: 'Stt', width: 64, align: 'right', value: (r) => r.sequenceNo },
    { key: 'code', header: 'Mã KH', width: 108, value: (r) => r.code },
    {
      key: 'name',
      header: 'Tên khách hàng',
      width: 'minmax(160px,1.3fr)',
      value: (r) => r.name,
      render: (r) => (
        <>
          {r.name}
          {r.isPreferential && (
            <span
              title="Khách hàng ưu đãi"
              className="ml-1.5 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800"
            >
              ƯĐ
            </span>
          )}
        </>
      ),
    },
    { key: 'address', header: 'Địa chỉ', width: 'minmax(170px,1.8fr)', value: (r) => r.address },
    { key: 'phone', header: 'Điện thoại', width: 108, value: (r) => r.phone },
    {
      key: 'serviceTypeCode',
      header: 'Đối tượng',
      width: 'minmax(150px,1.2fr)',
      value: (r) => `${r.serviceTypeCode ?? ''} ${serviceName(r.serviceTypeCode)}`,
      render: (r) =>
        r.serviceTypeCode ? (
          <span title={fullName(r.serviceTypeCode) || undefined} data-testid="service-type-cell">
            <span className="font-mono text-xs">{r.serviceTypeCode}</span>
            {serviceName(r.serviceTypeCode) && (
              <span className="text-slate-500"> · {serviceName(r.serviceTypeCode)}</span>
            )}
          </span>
        ) : null,
    },
    { key: 'households', header: 'Số hộ', width: 56, align: 'right', value: (r) => r.households },
    { key: 'persons', header: 'NK', width: 48, align: 'right', value: (r) => r.persons },
    { key: 'meterSerial', header: 'Seri đồng hồ', width: 116, value: (r) => r.meterSerial },
    {
      key: 'status',
      header: 'Trạng thái',
      width: 110,
      value: (r) => r.status,
      render: (r) =>
        r.status === 'IN_SERVICE' ? (
          <span className="text-emerald-700">Đang sử dụng</span>
        ) : (
          <span className="text-red-700">Ngưng</span>
        ),
    },
  ];
}

export const customerRowKey = (r: BookCustomer) => String(r.id);
export const customerRowClass = (r: BookCustomer) => (r.status === 'CUT_OFF' ? 'text-slate-400' : undefined);
export const customerRowData = (r: BookCustomer) => ({ 'data-code': r.code, 'data-customer-id': String(r.id) });
