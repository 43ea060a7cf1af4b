import { describe, expect, it } from 'vitest';
import { orderServiceTypes, regionOfWards, withoutRegion } from '@/domain/customers/service-type-region';

// As the seed and the catalogs hold them: HCMC tariffs sort first by code, the company is in Hanoi.
const TYPES = [
  { id: 6, code: 'HCM_HCSN', name: 'TP. Hồ Chí Minh – Cơ quan hành chính, đơn vị sự nghiệp' },
  { id: 7, code: 'HCM_SH', name: 'TP. Hồ Chí Minh – Sinh hoạt dân cư' },
  { id: 1, code: 'HN_SH', name: 'Hà Nội – Sinh hoạt hộ gia đình' },
  { id: 3, code: 'HN_HCSN', name: 'Hà Nội – Cơ quan hành chính, đơn vị sự nghiệp, phục vụ công cộng' },
  { id: 9, code: 'RIENG', name: 'Giá riêng theo hợp đồng' },
];

describe('service types of the company region first', () => {
  it('takes the province most of the company wards are in', () => {
    expect(
      regionOfWards([
        { province: 'Thành phố Hà Nội' },
        { province: 'Thành phố Hà Nội' },
        { province: 'Tỉnh Bắc Ninh' },
      ]),
    ).toBe('Thành phố Hà Nội');
    expect(regionOfWards([])).toBeNull();
  });

  it('offers a Hanoi company its Hanoi tariffs first, keeping the catalog order within each group', () => {
    const ordered = orderServiceTypes(TYPES, 'Thành phố Hà Nội').map((t) => t.code);
    expect(ordered).toEqual(['HN_SH', 'HN_HCSN', 'RIENG', 'HCM_HCSN', 'HCM_SH']);
  });

  it('offers a Ho Chi Minh City company its own tariffs first', () => {
    const ordered = orderServiceTypes(TYPES, 'Thành phố Hồ Chí Minh').map((t) => t.code);
    expect(ordered.slice(0, 2)).toEqual(['HCM_HCSN', 'HCM_SH']);
    expect(ordered[2]).toBe('RIENG');
  });

  it('keeps the catalog order when the region is unknown', () => {
    expect(orderServiceTypes(TYPES, null).map((t) => t.id)).toEqual([6, 7, 1, 3, 9]);
  });

  it('names a tariff without its province where the province goes without saying', () => {
    expect(withoutRegion('Hà Nội – Sinh hoạt hộ gia đình')).toBe('Sinh hoạt hộ gia đình');
    expect(withoutRegion('TP. Hồ Chí Minh – Sinh hoạt dân cư')).toBe('Sinh hoạt dân cư');
    expect(withoutRegion('Giá riêng theo hợp đồng')).toBe('Giá riêng theo hợp đồng');
  });
});
