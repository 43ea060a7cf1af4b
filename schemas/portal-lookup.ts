import { z } from 'zod';

/**
 * The portal's bill lookup: a customer code and a second factor printed on every invoice (the last 4 digits of the
 * phone on file, or the number of any of the customer's invoices, printed as 8 digits). One schema for the form
 * (checked before anything is sent) and the GraphQL arguments (checked before anything is looked up).
 */
export const portalCustomerCodeSchema = z
  .string({ error: 'Nhập mã khách hàng.' })
  .transform((v) => v.normalize('NFC').replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'Nhập mã khách hàng.')
      .max(16, 'Mã khách hàng dài tối đa 16 ký tự.')
      .regex(
        /^[A-Z0-9]+$/,
        'Mã khách hàng chỉ gồm chữ cái không dấu và chữ số, như in trên hóa đơn (ví dụ KH0001234).',
      ),
  );

export const portalVerifierSchema = z
  .string({ error: 'Nhập 4 số cuối điện thoại hoặc số hóa đơn.' })
  // People copy numbers as they are printed or spoken: "0000 1234", "1.234".
  .transform((v) => v.replace(/[\s.\-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'Nhập 4 số cuối điện thoại hoặc số hóa đơn.')
      .regex(/^\d+$/, 'Chỉ nhập chữ số: 4 số cuối điện thoại, hoặc số hóa đơn.')
      .min(4, 'Nhập đủ 4 số cuối điện thoại, hoặc số hóa đơn đủ 8 chữ số như in trên hóa đơn.')
      .max(8, 'Số hóa đơn có tối đa 8 chữ số.'),
  );

export const portalLookupSchema = z.object({
  customerCode: portalCustomerCodeSchema,
  verifier: portalVerifierSchema,
});

export type PortalLookupInput = z.input<typeof portalLookupSchema>;
export type PortalLookup = z.output<typeof portalLookupSchema>;
