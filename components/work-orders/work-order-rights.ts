/**
 * What the signed-in user may do with requests, as the page computes it on the server: the installations object for
 * a new connection, the complaints object for every other kind, held on any branch. A hint for the buttons only:
 * every query, mutation and file route checks the order's own branch and book again.
 */
interface ObjectRights {
  access: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  print: boolean;
}

export interface WorkOrderRights {
  installations: ObjectRights;
  complaints: ObjectRights;
}

export type WorkOrderRight = keyof ObjectRights;

const objectOf = (kind: string): keyof WorkOrderRights => (kind === 'INSTALLATION' ? 'installations' : 'complaints');

const canOnWorkOrders = (rights: WorkOrderRights, kind: string, right: WorkOrderRight): boolean =>
  rights[objectOf(kind)][right];

/** The kinds the user may take in (F4). */
export const intakeKinds = (rights: WorkOrderRights, kinds: readonly string[]): string[] =>
  kinds.filter((k) => canOnWorkOrders(rights, k, 'add'));

export const mayOpenWorkOrders = (rights: WorkOrderRights): boolean =>
  rights.installations.access || rights.complaints.access;

const MISSING: Record<Exclude<WorkOrderRight, 'access'>, string> = {
  add: 'Bạn không có quyền tiếp nhận loại yêu cầu này.',
  edit: 'Bạn không có quyền xử lý loại yêu cầu này.',
  delete: 'Bạn không có quyền từ chối hoặc hủy loại yêu cầu này.',
  print: 'Bạn không có quyền in báo giá.',
};

/** Why a button is disabled, or null when the user holds the right. */
export const missingWorkOrderRight = (
  rights: WorkOrderRights,
  kind: string,
  right: Exclude<WorkOrderRight, 'access'>,
): string | null => (canOnWorkOrders(rights, kind, right) ? null : MISSING[right]);
