import { z } from 'zod';

/** A whole number typed in a text box ("1.200" and "1 200" group thousands), or the message why it is not one. */
function wholeText(empty: string, notWhole: string) {
  return z
    .string()
    .transform((v) => v.replace(/[\s.]/g, ''))
    .pipe(
      z
        .string()
        .min(1, empty)
        .regex(/^\d{1,9}$/, notWhole),
    )
    .transform(Number);
}

/** An optional whole number: empty means "not given" (the estimate then assumes 1 household / 1 person). */
function optionalWholeText(notWhole: string) {
  return z
    .string()
    .transform((v) => v.replace(/[\s.]/g, ''))
    .pipe(z.string().regex(/^\d{0,9}$/, notWhole))
    .transform((v) => (v === '' ? null : Number(v)));
}

/**
 * The portal's bill calculator form, as typed (text boxes), giving the public `estimateBill` input. The bounds are
 * those of estimateBillSchema (schemas/tariff-input.ts), which the server applies again.
 */
export const portalCalculatorSchema = z.object({
  serviceTypeCode: z.string().trim().min(1, 'Chọn loại dịch vụ (mục đích sử dụng nước).'),
  consumption: wholeText('Nhập lượng nước tiêu thụ trong tháng (m³).', 'Lượng nước là số nguyên m³, ví dụ 25.').pipe(
    z.number().max(1_000_000, 'Lượng nước tối đa 1.000.000 m³.'),
  ),
  households: optionalWholeText('Số hộ là số nguyên, ví dụ 1.').pipe(
    z.number().min(1, 'Số hộ dùng chung phải từ 1 trở lên.').max(500, 'Số hộ dùng chung tối đa 500.').nullable(),
  ),
  persons: optionalWholeText('Số nhân khẩu là số nguyên, ví dụ 4.').pipe(
    z.number().max(5000, 'Số nhân khẩu tối đa 5.000.').nullable(),
  ),
});

export type PortalCalculatorForm = z.input<typeof portalCalculatorSchema>;
export type PortalCalculatorInput = z.output<typeof portalCalculatorSchema>;
