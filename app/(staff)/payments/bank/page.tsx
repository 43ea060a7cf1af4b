import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { BankScreen } from '@/components/payments/bank-screen';
import type { BankRights } from '@/components/payments/bank-format';
import { BankTransactionsQuery, bankListVariables, type BankListFilter } from '@/components/payments/bank.documents';
import { EmptyState } from '@/components/ui/empty-state';
import { prefetch } from '@/lib/graphql/prefetch';
import { hasBankRight } from '@/services/payments/bank-access';

export const metadata: Metadata = { title: 'Chuyển khoản ngân hàng' };

const TABS = ['SUSPENSE', 'MATCHED', 'ALLOCATED', 'IGNORED'] as const;

function first(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/**
 * Bank transfers (VietQR): the suspense list to allocate or ignore, statement imports, and what was matched. The
 * rights are the API's (services/payments/bank-access.ts); the first page of the starting tab is read here with
 * the request's actor, so the screen opens with its rows. `?tab=matched` opens another tab.
 */
export default async function BankPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/payments/bank');
  const rights: BankRights = {
    list: hasBankRight(actor, 'access'),
    allocate: hasBankRight(actor, 'add'),
    ignore: hasBankRight(actor, 'edit'),
  };
  if (!rights.list)
    return (
      <EmptyState
        title="Bạn không có quyền xem giao dịch ngân hàng"
        description="Cần quyền “Thu tiền” trên ít nhất một đơn vị. Liên hệ quản trị viên."
        className="h-full"
      />
    );
  const sp = await searchParams;
  const asked = (first(sp.tab) ?? '').toUpperCase();
  const filter: BankListFilter = {
    status: TABS.find((t) => t === asked) ?? 'SUSPENSE',
    from: '',
    to: '',
    search: '',
  };
  const list = await prefetch(ctx, BankTransactionsQuery, bankListVariables(filter));
  return <BankScreen rights={rights} initialFilter={filter} initialData={list.ssr} />;
}
