'use client';

import { gqlFetch } from '@/components/ui/graphql-client';
import type { BilledWithWarnings, SkippedCustomer } from '@/services/billing/billing-run.service';
import type { PeriodLockState } from '@/services/readings/period-lock.service';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';
export type ScopeKind = 'all' | 'books' | 'customer';

export interface BillingRun {
  id: number;
  period: string;
  scope: { kind: ScopeKind; bookIds: number[]; customerId: number | null };
  status: RunStatus | string;
  totalCustomers: number;
  processedCustomers: number;
  progress: number;
  invoiceCount: number;
  consumption: number;
  amount: number;
  skipped: { reason: string; label: string; count: number }[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

// The service's row type, shared as a type only (erased from the browser bundle).
export type { BilledWithWarnings, SkippedCustomer };

export interface CustomerHit {
  id: number;
  code: string;
  name: string;
  address: string;
  bookId: number;
  bookCode: string;
}

const RUN_FIELDS = `id period scope { kind bookIds customerId } status totalCustomers processedCustomers progress invoiceCount consumption amount
  skipped { reason label count } error startedAt finishedAt`;

export async function startBillingRun(period: string, scope: { kind: ScopeKind; bookIds?: number[]; customerId?: number }): Promise<BillingRun> {
  const data = await gqlFetch<{ startBillingRun: BillingRun }>(`mutation($i: StartBillingRunInput!) { startBillingRun(input: $i) { ${RUN_FIELDS} } }`, {
    i: { period, scope },
  });
  return data.startBillingRun;
}

export async function resumeBillingRun(id: number): Promise<BillingRun> {
  const data = await gqlFetch<{ resumeBillingRun: BillingRun }>(`mutation($id: Int!) { resumeBillingRun(id: $id) { ${RUN_FIELDS} } }`, { id });
  return data.resumeBillingRun;
}

export async function fetchBillingRun(id: number): Promise<BillingRun> {
  const data = await gqlFetch<{ billingRun: BillingRun }>(`query($id: Int!) { billingRun(id: $id) { ${RUN_FIELDS} } }`, { id });
  return data.billingRun;
}

/** Runs that covered a book (its own, several books with it, the whole company, one of its customers), newest first. */
export async function fetchBillingRuns(bookId: number, period: string | null, limit = 30): Promise<BillingRun[]> {
  const data = await gqlFetch<{ billingRuns: BillingRun[] }>(
    `query($b: Int!, $p: Period, $l: Int) { billingRuns(bookId: $b, period: $p, limit: $l) { ${RUN_FIELDS} } }`,
    { b: bookId, p: period, l: limit },
  );
  return data.billingRuns;
}

export async function fetchRunSkips(runId: number, reason: string | null, offset: number, limit: number): Promise<{ rows: SkippedCustomer[]; total: number }> {
  const data = await gqlFetch<{ billingRunSkips: { rows: SkippedCustomer[]; total: number } }>(
    `query($r: Int!, $why: BillingSkipReason, $o: Int, $l: Int) { billingRunSkips(runId: $r, reason: $why, offset: $o, limit: $l) {
      total rows { customerId customerCode customerName bookCode sequenceNo reason reasonLabel } } }`,
    { r: runId, why: reason, o: offset, l: limit },
  );
  return data.billingRunSkips;
}

/** Customers a run billed on an assumption to check (the rate engine's warnings), in book and sequence order. */
export async function fetchRunWarnings(runId: number, offset: number, limit: number): Promise<{ rows: BilledWithWarnings[]; total: number }> {
  const data = await gqlFetch<{ billingRunWarnings: { rows: BilledWithWarnings[]; total: number } }>(
    `query($r: Int!, $o: Int, $l: Int) { billingRunWarnings(runId: $r, offset: $o, limit: $l) {
      total rows { customerId customerCode customerName bookCode sequenceNo invoiceId invoiceKind warnings { code message } } } }`,
    { r: runId, o: offset, l: limit },
  );
  return data.billingRunWarnings;
}

/** Customers whose code (or name, address …) matches, in the books the user holds. */
export async function searchCustomerByCode(code: string): Promise<CustomerHit[]> {
  const data = await gqlFetch<{ searchCustomers: CustomerHit[] }>(
    `query($q: String!) { searchCustomers(query: $q, limit: 20) { id code name address bookId bookCode } }`,
    { q: code },
  );
  return data.searchCustomers;
}

// The service's type, shared as a type only (erased from the browser bundle).
export type { PeriodLockState };

export async function fetchLock(bookId: number, period: string): Promise<PeriodLockState> {
  const data = await gqlFetch<{ periodLockState: PeriodLockState }>(
    `query($b: Int!, $p: Period!) { periodLockState(bookId: $b, period: $p) { isLocked explicit implicit message } }`,
    { b: bookId, p: period },
  );
  return data.periodLockState;
}
