import 'server-only';
import type { WorkOrderRights } from '@/components/work-orders/work-order-rights';
import { hasRight, type Actor } from '@/services/auth/actor';

/** The user's work-order rights on any branch (the API checks the order's own branch and book). */
export function workOrderRightsOf(actor: Actor): WorkOrderRights {
  const of = (object: 'installations' | 'complaints') => ({
    access: hasRight(actor, 'document', object, 'access'),
    add: hasRight(actor, 'document', object, 'add'),
    edit: hasRight(actor, 'document', object, 'edit'),
    delete: hasRight(actor, 'document', object, 'delete'),
    print: hasRight(actor, 'document', object, 'print'),
  });
  return { installations: of('installations'), complaints: of('complaints') };
}
