/**
 * Work-order kinds and statuses (SPEC §6, §7). One pattern for every request: installation runs through its own
 * steps (survey, quote, contract, install, handover), every other kind through assign → in progress → done.
 */
export const WORK_ORDER_KINDS = [
  'INSTALLATION',
  'RELOCATION',
  'UPGRADE',
  'METER_REPLACEMENT',
  'METER_CHECK',
  'SUSPENSION',
  'RESUMPTION',
  'NAME_CHANGE',
  'BILL_DISPUTE',
  'LEAK_REPORT',
  'PROBLEM_REPORT',
  'CUT_OFF',
  'RECONNECTION',
] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const WORK_ORDER_KIND_LABELS: Record<WorkOrderKind, string> = {
  INSTALLATION: 'Lắp đặt mới',
  RELOCATION: 'Di dời đồng hồ',
  UPGRADE: 'Nâng cấp đường ống, cỡ đồng hồ',
  METER_REPLACEMENT: 'Thay đồng hồ',
  METER_CHECK: 'Kiểm định đồng hồ',
  SUSPENSION: 'Tạm ngưng sử dụng nước',
  RESUMPTION: 'Mở lại sử dụng nước',
  NAME_CHANGE: 'Đổi tên hợp đồng',
  BILL_DISPUTE: 'Khiếu nại hóa đơn',
  LEAK_REPORT: 'Báo rò rỉ, bể ống',
  PROBLEM_REPORT: 'Báo sự cố',
  CUT_OFF: 'Ngưng cấp nước',
  RECONNECTION: 'Cấp nước lại',
};

export const WORK_ORDER_STATUSES = [
  'RECEIVED',
  'ASSIGNED',
  'IN_PROGRESS',
  'SURVEYED',
  'QUOTED',
  'CONTRACTED',
  'INSTALLED',
  'DONE',
  'REJECTED',
  'CANCELLED',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  RECEIVED: 'Đã tiếp nhận',
  ASSIGNED: 'Đã phân công',
  IN_PROGRESS: 'Đang xử lý',
  SURVEYED: 'Đã khảo sát',
  QUOTED: 'Đã báo giá',
  CONTRACTED: 'Đã ký hợp đồng',
  INSTALLED: 'Đã lắp đặt',
  DONE: 'Hoàn thành',
  REJECTED: 'Từ chối',
  CANCELLED: 'Đã hủy',
};

export const WORK_ORDER_SOURCES = ['PORTAL', 'PHONE', 'COUNTER', 'STAFF'] as const;
export type WorkOrderSource = (typeof WORK_ORDER_SOURCES)[number];

export const WORK_ORDER_SOURCE_LABELS: Record<WorkOrderSource, string> = {
  PORTAL: 'Cổng trực tuyến',
  PHONE: 'Điện thoại',
  COUNTER: 'Tại quầy',
  STAFF: 'Nhân viên lập',
};

export const WORK_ORDER_DOCUMENT_KINDS = ['CITIZEN_ID', 'LAND_PAPER', 'RESIDENCE', 'PHOTO', 'QUOTE', 'OTHER'] as const;
export type WorkOrderDocumentKind = (typeof WORK_ORDER_DOCUMENT_KINDS)[number];

export const WORK_ORDER_DOCUMENT_KIND_LABELS: Record<WorkOrderDocumentKind, string> = {
  CITIZEN_ID: 'Căn cước công dân',
  LAND_PAPER: 'Giấy tờ nhà đất',
  RESIDENCE: 'Giấy xác nhận cư trú',
  PHOTO: 'Hình ảnh',
  QUOTE: 'Báo giá',
  OTHER: 'Tài liệu khác',
};

export const CLOSED_STATUSES: readonly WorkOrderStatus[] = ['DONE', 'REJECTED', 'CANCELLED'];

export function isClosedStatus(status: WorkOrderStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

export function isWorkOrderKind(value: unknown): value is WorkOrderKind {
  return typeof value === 'string' && (WORK_ORDER_KINDS as readonly string[]).includes(value);
}

export function isWorkOrderStatus(value: unknown): value is WorkOrderStatus {
  return typeof value === 'string' && (WORK_ORDER_STATUSES as readonly string[]).includes(value);
}

/** Installations are rights of `installations`; every other request of `complaints` (domain/auth/permissions). */
export function permissionObjectOf(kind: WorkOrderKind): 'installations' | 'complaints' {
  return kind === 'INSTALLATION' ? 'installations' : 'complaints';
}

/**
 * Kinds that act on an existing connection and so need its customer. A leak or a problem may be reported by a
 * passer-by (an address then), an installation creates its customer at handover.
 */
export function needsCustomer(kind: WorkOrderKind): boolean {
  return kind !== 'INSTALLATION' && kind !== 'LEAK_REPORT' && kind !== 'PROBLEM_REPORT';
}
