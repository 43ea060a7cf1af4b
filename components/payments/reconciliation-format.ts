import type { ReconciliationExceptionRow } from './reconciliation.documents';

/** What an exception means, in the cashier's words; the bank credit and a customer mismatch read apart. */
export function exceptionLabel(
  e: Pick<ReconciliationExceptionRow, 'kind' | 'isBankCredit' | 'customerDiffers'>,
): string {
  if (e.isBankCredit) return 'Tiền về tài khoản khác tổng tệp';
  if (e.customerDiffers) return 'Khác khách hàng';
  switch (e.kind) {
    case 'ONLY_PARTNER':
      return 'Chỉ có ở đối tác';
    case 'ONLY_OURS':
      return 'Chỉ có ở ta';
    case 'AMOUNT_DIFFERS':
      return 'Lệch số tiền';
    case 'REVERSED':
      return 'Hủy ở một bên';
  }
}

/** What a cashier usually does about it (shown in the resolve dialog). */
export function exceptionHint(
  e: Pick<ReconciliationExceptionRow, 'kind' | 'isBankCredit' | 'customerDiffers'>,
): string {
  if (e.isBankCredit)
    return 'Đối chiếu sao kê ngân hàng với tổng các giao dịch PAID trong tệp; liên hệ đối tác về khoản chuyển thiếu hoặc thừa.';
  if (e.customerDiffers) return 'Hai bên ghi cùng giao dịch cho hai khách hàng khác nhau: xác minh với đối tác.';
  switch (e.kind) {
    case 'ONLY_PARTNER':
      return 'Đối tác đã thu nhưng ta chưa ghi nhận: tra cứu giao dịch với đối tác, ghi nhận hoặc yêu cầu đối tác hoàn tiền.';
    case 'ONLY_OURS':
      return 'Ta đã ghi nhận nhưng tệp không có: hỏi đối tác, hủy khoản thu nếu đối tác chưa thu.';
    case 'AMOUNT_DIFFERS':
      return 'Số tiền hai bên khác nhau: xác minh số đúng với đối tác.';
    case 'REVERSED':
      return 'Một bên đã hủy giao dịch, bên kia chưa: hủy khoản thu của ta hoặc yêu cầu đối tác hủy.';
  }
}
