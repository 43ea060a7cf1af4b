import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { NoticesScreen } from '@/components/notices/notices-screen';
import { EmptyState } from '@/components/ui/empty-state';
import { hasRight } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Thông báo khách hàng' };

/** Notices sent to customers (email, SMS, Zalo ZNS); the rights are the API's (document.notices). */
export default async function NoticesPage() {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/notices');
  if (!hasRight(actor, 'document', 'notices', 'access'))
    return (
      <EmptyState
        title="Bạn không có quyền xem thông báo gửi khách hàng"
        description="Cần quyền “Thông báo” trên ít nhất một đơn vị. Liên hệ quản trị viên."
        className="h-full"
      />
    );
  return (
    <NoticesScreen
      canResend={hasRight(actor, 'document', 'notices', 'edit')}
      canQueueReminders={hasRight(actor, 'document', 'notices', 'add')}
    />
  );
}
