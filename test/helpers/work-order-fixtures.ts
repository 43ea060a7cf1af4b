import type { Db } from '@/db/client';
import { userPermissions } from '@/db/schema/users';
import { type Actor, loadActor } from '@/services/auth/actor';
import type { WorkOrderInput } from '@/schemas/work-order-input';

/** Grants `objects` (every right) on `branchId` to the actor's user and reloads the actor. */
export async function grantDocumentRights(
  db: Db,
  actor: Actor,
  branchId: number,
  objects: string[],
  rights: Partial<Record<'add' | 'edit' | 'delete' | 'print' | 'export', boolean>> = {
    add: true,
    edit: true,
    delete: true,
    print: true,
    export: true,
  },
): Promise<Actor> {
  for (const object of objects) {
    await db.insert(userPermissions).values({
      userId: actor.userId,
      branchId,
      group: 'document',
      object,
      canAccess: true,
      canAdd: rights.add ?? false,
      canEdit: rights.edit ?? false,
      canDelete: rights.delete ?? false,
      canPrint: rights.print ?? false,
      canExport: rights.export ?? false,
    });
  }
  return (await loadActor(db, actor.userId))!;
}

/** A new-connection request as the counter takes it. */
export function installationRequest(wardId: number | null, overrides: Partial<WorkOrderInput> = {}): WorkOrderInput {
  return {
    kind: 'INSTALLATION',
    source: 'COUNTER',
    applicantName: 'Lê Thị Hoa',
    applicantPhone: '0912 345 678',
    applicantEmail: 'hoa@example.vn',
    citizenId: '001190012345',
    address: '25 Ngõ 4 Phúc Xá, Ba Đình',
    wardId,
    latitude: '21.046500',
    longitude: '105.847300',
    households: 1,
    persons: 4,
    description: 'Đăng ký lắp đặt đồng hồ nước mới',
    ...overrides,
  };
}

/** A request about an existing customer. */
export function serviceRequest(
  kind: WorkOrderInput['kind'],
  customerId: number,
  overrides: Partial<WorkOrderInput> = {},
): WorkOrderInput {
  return {
    kind,
    source: 'PHONE',
    customerId,
    applicantName: 'Nguyễn Văn An',
    applicantPhone: '0987654321',
    description: 'Yêu cầu của khách hàng',
    ...overrides,
  };
}
