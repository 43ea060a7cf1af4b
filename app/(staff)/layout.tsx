import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { getRequestContext } from '@/app/server/request-context';
import { StaffNav } from '@/components/staff-nav';
import { mayOpenWorkOrders } from '@/components/work-orders/work-order-rights';
import { GraphQLProvider } from '@/lib/graphql/provider';
import { hasRight } from '@/services/auth/actor';
import { workOrderRightsOf } from './work-orders/rights';

/** Every back-office page requires a signed-in staff member; rights are checked again by each query. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login');
  return (
    <GraphQLProvider>
      {/* The first Tab stop: a keyboard user skips the 17 menu links straight to the screen. */}
      <a
        href="#main-content"
        data-testid="skip-link"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-[100] focus:rounded-md focus:bg-brand-700 focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-white"
      >
        Bỏ qua menu, đến nội dung chính
      </a>
      <div className="flex h-full">
        <StaffNav
          fullName={ctx.actor.fullName}
          login={ctx.actor.login}
          isAdmin={ctx.actor.isAdmin}
          rights={{
            workOrders: mayOpenWorkOrders(workOrderRightsOf(ctx.actor)),
            notices: hasRight(ctx.actor, 'document', 'notices', 'access'),
          }}
        />
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 overflow-auto outline-none">
          {children}
        </main>
      </div>
    </GraphQLProvider>
  );
}
