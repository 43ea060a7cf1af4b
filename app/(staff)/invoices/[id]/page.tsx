import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { InvoiceQuery } from '@/components/invoices/invoices.documents';
import { InvoicePage } from '@/components/invoices/invoice-page';
import { prefetch } from '@/lib/graphql/prefetch';
import { invoiceRightsOf } from '../rights';

export const metadata: Metadata = { title: 'Chi tiết hóa đơn' };

/** One invoice on its own address (the chain's links, a link from the customer's "Hóa đơn" tab). */
export default async function InvoiceDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || id < 1) notFound();
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect(`/login?callbackUrl=/invoices/${id}`);
  const invoice = await prefetch(ctx, InvoiceQuery, { id });
  return <InvoicePage invoiceId={id} rights={invoiceRightsOf(actor)} initialData={invoice.ssr} />;
}
