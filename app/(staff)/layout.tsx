import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { getRequestContext } from '@/app/server/request-context';
import { StaffNav } from '@/components/staff-nav';
import { GraphQLProvider } from '@/lib/graphql/provider';

/** Every back-office page requires a signed-in staff member; rights are checked again by each query. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect('/login');
  return (
    <GraphQLProvider>
      <div className="flex h-full">
        <StaffNav fullName={ctx.actor.fullName} login={ctx.actor.login} isAdmin={ctx.actor.isAdmin} />
        <main className="min-w-0 flex-1 overflow-auto">{children}</main>
      </div>
    </GraphQLProvider>
  );
}
