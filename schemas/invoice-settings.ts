import { z } from 'zod';

/**
 * The company's invoice settings, checked the same way by the settings form and the API: the bank account printed
 * beside the VietQR code, how amounts are read in words, the paper invoices are printed on, and how e-invoices are
 * issued. Custom paper is for dot-matrix printers fed with continuous forms of odd sizes.
 */
export const invoiceSettingsSchema = z
  .object({
    bankBin: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Mã BIN ngân hàng (NAPAS) gồm đúng 6 chữ số, ví dụ 970415.')
      .nullable(),
    bankAccount: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4,19}$/, 'Số tài khoản gồm 4–19 chữ số hoặc chữ cái không dấu.')
      .nullable(),
    bankName: z.string().trim().max(200, 'Tên ngân hàng dài tối đa 200 ký tự.').nullable(),
    wordsDialect: z.enum(['NORTH', 'SOUTH'], { error: 'Chọn cách đọc số tiền: miền Bắc hoặc miền Nam.' }),
    paperPreset: z.enum(['A4', 'A5', 'CONTINUOUS', 'CUSTOM'], { error: 'Chọn khổ giấy.' }),
    paperWidthMm: z
      .number()
      .int()
      .min(50, 'Khổ giấy rộng ít nhất 50 mm.')
      .max(1200, 'Khổ giấy rộng tối đa 1.200 mm.')
      .nullable(),
    paperHeightMm: z
      .number()
      .int()
      .min(50, 'Khổ giấy cao ít nhất 50 mm.')
      .max(1200, 'Khổ giấy cao tối đa 1.200 mm.')
      .nullable(),
    paperMarginMm: z.number().int().min(0, 'Lề không âm.').max(50, 'Lề tối đa 50 mm.').nullable(),
    einvoiceMode: z.enum(['SELF', 'PROVIDER'], { error: 'Chọn cách phát hành hóa đơn điện tử.' }),
    /** Which open invoices a payment pays first (inside an invoice: water, VAT, fees, always). Left out: unchanged. */
    paymentOrder: z
      .enum(['OLDEST', 'NEWEST'], { error: 'Chọn thứ tự trừ nợ: hóa đơn cũ nhất hoặc mới nhất trước.' })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.paperPreset === 'CUSTOM') {
      if (s.paperWidthMm == null)
        ctx.addIssue({ code: 'custom', path: ['paperWidthMm'], message: 'Nhập chiều rộng giấy (mm).' });
      if (s.paperHeightMm == null)
        ctx.addIssue({ code: 'custom', path: ['paperHeightMm'], message: 'Nhập chiều cao giấy (mm).' });
    }
    if ((s.bankBin == null) !== (s.bankAccount == null))
      ctx.addIssue({
        code: 'custom',
        path: [s.bankBin == null ? 'bankBin' : 'bankAccount'],
        message: 'Mã BIN và số tài khoản đi cùng nhau: nhập cả hai hoặc bỏ trống cả hai.',
      });
  });

export type InvoiceSettingsInput = z.infer<typeof invoiceSettingsSchema>;
