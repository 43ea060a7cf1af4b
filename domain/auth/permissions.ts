/** The permission matrix of SPEC §11: per branch, per object of a group, six rights. */
export const PERMISSION_GROUPS = ['document', 'catalog', 'report'] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

export const RIGHTS = ['access', 'add', 'edit', 'delete', 'print', 'export'] as const;
export type Right = (typeof RIGHTS)[number];

export const RIGHT_LABELS: Record<Right, string> = {
  access: 'Truy cập',
  add: 'Thêm',
  edit: 'Sửa',
  delete: 'Xóa',
  print: 'In',
  export: 'Xuất',
};

export const GROUP_LABELS: Record<PermissionGroup, string> = {
  document: 'Chứng từ',
  catalog: 'Danh mục',
  report: 'Báo cáo',
};

export const PERMISSION_OBJECTS: Record<PermissionGroup, Record<string, string>> = {
  document: {
    customers: 'Khách hàng, hợp đồng, đồng hồ',
    readings: 'Ghi chỉ số',
    billing: 'Tính hóa đơn',
    payments: 'Thu tiền',
    invoices: 'Hóa đơn',
    complaints: 'Khiếu nại, sửa chữa',
    installations: 'Đăng ký lắp đặt',
    notices: 'Tin nhắn, email gửi khách hàng',
  },
  catalog: {
    branches: 'Đơn vị cơ sở',
    routes: 'Tuyến',
    readingBooks: 'Sổ đọc',
    wards: 'Phường – xã',
    serviceTypes: 'Loại dịch vụ, biểu giá',
    meterTypes: 'Loại đồng hồ',
    installationTeams: 'Đội thi công',
    complaintKinds: 'Loại khiếu nại',
    masterMeters: 'Đồng hồ tổng',
    customFields: 'Trường thông tin thêm',
    invoiceSeries: 'Ký hiệu hóa đơn',
  },
  report: {
    bookExport: 'Xuất sổ ra Excel',
    customerList: 'Danh sách khách hàng',
    readingList: 'Bảng kê chỉ số',
    billingSummary: 'Tổng hợp hóa đơn',
    debtReport: 'Công nợ theo sổ, tuyến, tuổi nợ',
    collectionReport: 'Tổng hợp thu tiền, quyết toán thu ngân',
  },
};

export interface Rights {
  access: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  print: boolean;
  export: boolean;
}

const NO_RIGHTS: Rights = { access: false, add: false, edit: false, delete: false, print: false, export: false };
export const ALL_RIGHTS: Rights = { access: true, add: true, edit: true, delete: true, print: true, export: true };

/** Every right other than access needs access: granting any right grants access, revoking access revokes all. */
export function normalizeRights(r: Rights): Rights {
  const any = r.add || r.edit || r.delete || r.print || r.export;
  if (!r.access && !any) return NO_RIGHTS;
  return { ...r, access: r.access || any };
}

export function isKnownObject(group: PermissionGroup, object: string): boolean {
  return Object.hasOwn(PERMISSION_OBJECTS[group], object);
}
