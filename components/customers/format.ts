import { foldVietnamese } from '@/domain/text/normalize';

export { foldVietnamese };

/** YYYY-MM-DD → dd/mm/yyyy (empty for null). */
export function fmtDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
}

/** ISO timestamp → dd/mm/yyyy HH:mm in Vietnam time. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayVN(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export const CUSTOMER_TYPE_LABELS: Record<number, string> = { 0: 'Cá nhân', 1: 'Cơ quan, tổ chức' };
export const STATUS_LABELS: Record<number, string> = { 1: 'Đang sử dụng', 0: 'Ngưng cấp nước' };
export const WASTEWATER_LABELS: Record<string, string> = {
  standard: 'Theo quy định',
  exempt: 'Miễn phí nước thải',
  custom: 'Tỷ lệ riêng',
};

/** Vietnamese names of customer / meter / contract fields, for history and errors. */
export const FIELD_LABELS: Record<string, string> = {
  code: 'Mã khách hàng',
  bookId: 'Sổ đọc',
  sequenceNo: 'Số thứ tự',
  name: 'Tên khách hàng',
  customerType: 'Loại khách hàng',
  taxCode: 'Mã số thuế',
  citizenId: 'Số CCCD',
  address: 'Địa chỉ',
  wardId: 'Phường – xã',
  serviceTypeId: 'Loại dịch vụ',
  households: 'Số hộ dùng chung',
  persons: 'Nhân khẩu',
  masterMeterId: 'Đồng hồ tổng',
  phone: 'Điện thoại',
  fax: 'Fax',
  email: 'Email',
  bankAccount: 'Số tài khoản',
  bankName: 'Ngân hàng',
  wastewaterFeeMode: 'Phí nước thải',
  wastewaterFeeBp: 'Tỷ lệ phí nước thải',
  status: 'Trạng thái',
  isPreferential: 'Ưu đãi',
  preferentialUntil: 'Hạn ưu đãi',
  extra: 'Thông tin thêm',
  latitude: 'Vĩ độ',
  longitude: 'Kinh độ',
  serial: 'Số seri',
  sealNo: 'Số tem',
  meterTypeId: 'Loại đồng hồ',
  verifiedOn: 'Ngày kiểm định',
  installedOn: 'Ngày lắp đặt',
  initialIndex: 'Chỉ số đầu',
  finalIndex: 'Chỉ số cuối',
  removedOn: 'Ngày tháo',
  number: 'Số hợp đồng',
  signedOn: 'Ngày ký',
  handoverOn: 'Ngày bàn giao',
  installationTeamId: 'Tổ lắp đặt',
  fileName: 'Tệp',
};

export const HISTORY_KIND_LABELS: Record<string, string> = {
  created: 'Tạo khách hàng',
  name: 'Đổi tên',
  service_type: 'Đổi loại dịch vụ',
  details: 'Sửa thông tin',
  book: 'Chuyển sổ đọc',
  sequence: 'Đổi số thứ tự',
  contract: 'Hợp đồng',
  meter: 'Đồng hồ',
  attachment: 'Tài liệu',
};
