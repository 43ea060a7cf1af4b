'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { SSRData } from 'urql';
import { ToastProvider } from '@/components/ui/toast';
import { useHydrate } from '@/lib/graphql/provider';
import { useInvoiceActions } from './invoice-actions';
import { InvoiceDetailView } from './invoice-detail';
import type { InvoiceRights } from './invoice-rights';

/** /invoices/[id]: the detail of one invoice with its actions; a correction opens the new invoice's address. */
export function InvoicePage(props: { invoiceId: number; rights: InvoiceRights; initialData?: SSRData }) {
  return (
    <ToastProvider>
      <Page {...props} />
    </ToastProvider>
  );
}

function Page({ invoiceId, rights, initialData }: { invoiceId: number; rights: InvoiceRights; initialData?: SSRData }) {
  const router = useRouter();
  const requestPolicy = useHydrate(initialData);
  const actions = useInvoiceActions(rights, (id) => {
    if (id !== invoiceId) router.push(`/invoices/${id}`);
  });
  return (
    <div className="flex h-full min-h-0 flex-col">
      <nav className="border-b border-slate-200 bg-white px-4 py-2 text-sm">
        <Link href="/invoices" className="text-brand-700 underline">
          ← Danh sách hóa đơn
        </Link>
      </nav>
      <div className="mx-auto flex min-h-0 w-full max-w-3xl flex-1 flex-col overflow-hidden bg-white">
        <InvoiceDetailView
          invoiceId={invoiceId}
          run={actions.run}
          disabledReason={actions.disabledReason}
          requestPolicy={requestPolicy}
        />
      </div>
      {actions.element}
    </div>
  );
}
