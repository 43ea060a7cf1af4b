import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { PaymentPartnersQuery, ReconciliationsQuery } from '@/components/payments/reconciliation.documents';
import { ReconciliationScreen } from '@/components/payments/reconciliation-screen';
import { EmptyState } from '@/components/ui/empty-state';
import { prefetch } from '@/lib/graphql/prefetch';
import { hasRight } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Đối soát đối tác' };

/**
 * Đối soát đối tác (VIETNAM-RULES "Payments"): a partner's daily file matched three ways (the file, our ledger, the
 * bank credit), the exceptions resolved one by one with a cashier's note. The partners and the reconciliations the
 * user may see are read here with the request's actor.
 */
export default async function ReconciliationPage() {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/payments/reconciliation');
  if (!hasRight(actor, 'document', 'payments', 'access'))
    return (
      <EmptyState
        title="Bạn không có quyền xem đối soát đối tác"
        description="Cần quyền “Thu tiền” trên ít nhất một đơn vị. Liên hệ quản trị viên."
        className="h-full"
      />
    );
  const partners = await prefetch(ctx, PaymentPartnersQuery, {});
  const list = await prefetch(ctx, ReconciliationsQuery, { partnerId: null });
  return (
    <ReconciliationScreen
      rights={{ canEdit: hasRight(actor, 'document', 'payments', 'edit') }}
      initialData={{ ...partners.ssr, ...list.ssr }}
    />
  );
}
