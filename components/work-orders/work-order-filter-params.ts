import { isWorkOrderKind, isWorkOrderStatus } from '@/domain/work-orders/kinds';

// Plain functions, apart from the filter row's client component, so the server page can read the address bar too.

/** The list's filter as the address bar carries it (?status=&kind=&branch=&overdue=1&q=). */
export interface WorkOrderFilterValue {
  status: string | null;
  kind: string | null;
  branchId: number | null;
  overdueOnly: boolean;
  search: string;
}

export const EMPTY_FILTER: WorkOrderFilterValue = {
  status: null,
  kind: null,
  branchId: null,
  overdueOnly: false,
  search: '',
};

/** Reads the filter from the address bar's parameters. */
export function filterFromParams(get: (name: string) => string | null): WorkOrderFilterValue {
  const branch = Number(get('branch'));
  return {
    status: isWorkOrderStatus(get('status')) ? get('status') : null,
    kind: isWorkOrderKind(get('kind')) ? get('kind') : null,
    branchId: Number.isInteger(branch) && branch > 0 ? branch : null,
    overdueOnly: get('overdue') === '1',
    search: (get('q') ?? '').trim().slice(0, 100),
  };
}

/** The filter as address-bar parameters (only what differs from the default). */
export function filterToParams(f: WorkOrderFilterValue): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.kind) p.set('kind', f.kind);
  if (f.branchId) p.set('branch', String(f.branchId));
  if (f.overdueOnly) p.set('overdue', '1');
  if (f.search) p.set('q', f.search);
  return p;
}
