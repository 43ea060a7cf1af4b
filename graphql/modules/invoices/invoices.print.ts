import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { InvoiceType } from '@/graphql/modules/billing/billing.type';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import { getInvoiceDocument } from '@/services/invoices/invoice-documents.service';

// The detail screen shows what the printed invoice shows (seller, buyer, reading dates and indexes) from the same
// document the PDF and the e-invoice XML are drawn from, so the screen and the paper can never disagree.

const InvoicePartyType = builder.objectRef<InvoiceDocument['seller']>('InvoiceParty').implement({
  description: 'The seller or the buyer as printed on the invoice.',
  fields: (t) => ({
    name: t.exposeString('name'),
    address: t.exposeString('address'),
    taxCode: t.exposeString('taxCode', { nullable: true }),
    bankName: t.string({ nullable: true, resolve: (p) => p.bankName ?? null }),
    bankAccount: t.string({ nullable: true, resolve: (p) => p.bankAccount ?? null }),
  }),
});

const InvoiceWaterType = builder.objectRef<InvoiceDocument['water']>('InvoiceWaterDetails').implement({
  description: 'The water details printed on the invoice (TTKhac of the e-invoice).',
  fields: (t) => ({
    bookCode: t.exposeString('bookCode'),
    sequenceNo: t.exposeInt('sequenceNo'),
    readingFrom: t.expose('readingFrom', { type: 'Date', nullable: true, description: 'The previous reading.' }),
    readingTo: t.expose('readingTo', { type: 'Date', nullable: true, description: 'This period’s reading.' }),
    oldIndex: t.exposeInt('oldIndex', { nullable: true }),
    newIndex: t.exposeInt('newIndex', { nullable: true }),
    consumption: t.exposeInt('consumption'),
    households: t.exposeInt('households'),
    persons: t.exposeInt('persons'),
  }),
});

const InvoicePrintedType = builder.objectRef<InvoiceDocument>('InvoicePrinted').implement({
  description: 'What the printed invoice carries beyond the invoice row.',
  fields: (t) => ({
    seller: t.field({ type: InvoicePartyType, resolve: (d) => d.seller }),
    buyer: t.field({ type: InvoicePartyType, resolve: (d) => d.buyer }),
    water: t.field({ type: InvoiceWaterType, resolve: (d) => d.water }),
    fees: t.expose('fees', { type: 'Money', description: 'Fees outside VAT and the drainage service with its VAT.' }),
  }),
});

builder.objectFields(InvoiceType, (t) => ({
  printed: t.field({
    type: InvoicePrintedType,
    // Nullable so that a document that cannot be drawn (a setting missing) leaves the rest of the invoice readable.
    nullable: true,
    description: 'Seller, buyer and reading details as printed (the same document as the PDF and the XML).',
    resolve: (invoice, _args, ctx) => getInvoiceDocument(ctx.db, signedIn(ctx), invoice.id),
  }),
}));
