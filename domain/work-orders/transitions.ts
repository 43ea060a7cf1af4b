import { isClosedStatus, type WorkOrderKind, type WorkOrderStatus } from './kinds';

/**
 * The status graph. An installation walks its steps one by one (each step records what was done: survey, quote,
 * contract, installation, handover); every other kind is assigned, worked on and done. Any open order may be
 * rejected or cancelled; a closed one never moves again.
 */
const INSTALLATION_STEPS: Partial<Record<WorkOrderStatus, WorkOrderStatus>> = {
  RECEIVED: 'SURVEYED',
  SURVEYED: 'QUOTED',
  QUOTED: 'CONTRACTED',
  CONTRACTED: 'INSTALLED',
  INSTALLED: 'DONE',
};

const SERVICE_STEPS: Partial<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  RECEIVED: ['ASSIGNED'],
  ASSIGNED: ['IN_PROGRESS'],
  IN_PROGRESS: ['DONE'],
};

const ENDINGS: readonly WorkOrderStatus[] = ['REJECTED', 'CANCELLED'];

/** The statuses an order of `kind` in `from` may move to, in the order a screen offers them. */
export function nextStatuses(kind: WorkOrderKind, from: WorkOrderStatus): WorkOrderStatus[] {
  if (isClosedStatus(from)) return [];
  const forward =
    kind === 'INSTALLATION'
      ? INSTALLATION_STEPS[from] === undefined
        ? []
        : [INSTALLATION_STEPS[from]]
      : [...(SERVICE_STEPS[from] ?? [])];
  return [...forward, ...ENDINGS];
}

export function canTransition(kind: WorkOrderKind, from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return nextStatuses(kind, from).includes(to);
}

export class WorkOrderTransitionError extends Error {
  constructor(
    readonly kind: WorkOrderKind,
    readonly from: WorkOrderStatus,
    readonly to: WorkOrderStatus,
  ) {
    super(`A ${kind} work order cannot move from ${from} to ${to}.`);
    this.name = 'WorkOrderTransitionError';
  }
}

/** Throws unless the table allows the move; the one check every status change goes through. */
export function assertTransition(kind: WorkOrderKind, from: WorkOrderStatus, to: WorkOrderStatus): void {
  if (!canTransition(kind, from, to)) throw new WorkOrderTransitionError(kind, from, to);
}

/**
 * Statuses reached only through the operation that records their data (a survey's notes, a quote's lines, the
 * handover's customer …), never through a bare status change.
 */
export const STATUSES_WITH_DATA: readonly WorkOrderStatus[] = ['SURVEYED', 'QUOTED', 'CONTRACTED', 'INSTALLED', 'DONE'];
