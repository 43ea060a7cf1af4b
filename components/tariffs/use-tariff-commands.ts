'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { useConfirm } from '@/components/ui/confirm';
import { useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { fmtInt, fmtVnd } from '@/components/readings/format';
import { errorMessage } from '@/lib/graphql/errors';
import { dmy, TIER_UNIT } from './tariff-labels';
import {
  DeleteServiceTypeMutation,
  DeleteTariffTierMutation,
  DeleteTariffVersionMutation,
  TARIFF_TYPENAMES,
} from './tariffs.documents';
import type { TariffCatalogState } from './use-tariff-catalog';

/** What the user may do on the service-type catalog (computed on the server; the API checks again). */
export interface TariffRights {
  add: boolean;
  edit: boolean;
  delete: boolean;
}

export type TariffDialog = { kind: 'type' | 'version' | 'tier'; edit: boolean } | null;

/** Why a button is disabled for lack of a right, shown on hover and read out (Button's `disabledReason`). */
export function rightReasons(rights: TariffRights) {
  return {
    add: rights.add ? null : 'Bạn không có quyền thêm loại dịch vụ, bảng giá và bậc giá.',
    edit: rights.edit ? null : 'Bạn không có quyền sửa loại dịch vụ, bảng giá và bậc giá.',
    delete: rights.delete ? null : 'Bạn không có quyền xóa loại dịch vụ, bảng giá và bậc giá.',
  };
}

/**
 * The screen's commands and its keyboard map, in one place: F4 / F2 / F3 on service types, Ctrl+F4 / Ctrl+F2 /
 * Ctrl+F3 on the tiers of the selected version, Enter (the grids' row activation) edits. Deletions run here;
 * adds and edits open the dialogs, which save through their own mutations.
 */
export function useTariffCommands(rights: TariffRights, s: TariffCatalogState) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const [dialog, setDialog] = useState<TariffDialog>(null);
  const [typeDeletion, deleteType] = useMutation(DeleteServiceTypeMutation);
  const [versionDeletion, deleteVersion] = useMutation(DeleteTariffVersionMutation);
  const [tierDeletion, deleteTier] = useMutation(DeleteTariffTierMutation);
  const deleting = typeDeletion.fetching || versionDeletion.fetching || tierDeletion.fetching;
  const { type, version, tier } = s;

  const deny = (what: string) => toast.error(`Bạn không có quyền ${what}.`);

  // ---------- service types: F4 / F2 / F3
  const addType = () => (rights.add ? setDialog({ kind: 'type', edit: false }) : deny('thêm loại dịch vụ'));
  const editType = () =>
    !type
      ? toast.info('Chọn loại dịch vụ.')
      : rights.edit
        ? setDialog({ kind: 'type', edit: true })
        : deny('sửa loại dịch vụ');
  const removeType = async () => {
    if (!type || deleting) return;
    if (!rights.delete) return deny('xóa loại dịch vụ');
    const ok = await confirm({
      title: 'Xóa loại dịch vụ',
      message: `Xóa loại dịch vụ ${type.code} – ${type.name}${type.versions.length ? ` cùng ${type.versions.length} bảng giá` : ''}? Chỉ xóa được khi chưa có khách hàng hay hóa đơn dùng nó.`,
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    for (const v of type.versions) {
      const r = await deleteVersion({ id: v.id }, TARIFF_TYPENAMES);
      if (r.error) return void toast.error(errorMessage(r.error, 'Không xóa được loại dịch vụ.'));
    }
    const r = await deleteType({ id: type.id }, TARIFF_TYPENAMES);
    if (r.error) return void toast.error(errorMessage(r.error, 'Không xóa được loại dịch vụ.'));
    toast.success(`Đã xóa loại dịch vụ ${type.code}.`);
    s.setTypeKey(null);
  };

  // ---------- versions
  const addVersion = () =>
    !type
      ? toast.info('Chọn loại dịch vụ.')
      : rights.add
        ? setDialog({ kind: 'version', edit: false })
        : deny('thêm bảng giá');
  const editVersion = () =>
    !version
      ? toast.info('Chọn bảng giá.')
      : rights.edit
        ? setDialog({ kind: 'version', edit: true })
        : deny('sửa bảng giá');
  const removeVersion = async () => {
    if (!version || !type || deleting) return;
    if (!rights.delete) return deny('xóa bảng giá');
    if (version.isInUse) return void toast.error('Bảng giá đã được dùng cho hóa đơn nên không xóa được.');
    const ok = await confirm({
      title: 'Xóa bảng giá',
      message: `Xóa bảng giá ${type.code} hiệu lực từ ${dmy(version.effectiveFrom)}?`,
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    const r = await deleteVersion({ id: version.id }, TARIFF_TYPENAMES);
    if (r.error) return void toast.error(errorMessage(r.error, 'Không xóa được bảng giá.'));
    toast.success('Đã xóa bảng giá.');
    s.setVersionKey(null);
  };

  // ---------- tiers: Ctrl+F4 / Ctrl+F2 / Ctrl+F3
  const addTier = () => {
    if (!version) return void toast.info('Chọn bảng giá để thêm bậc.');
    if (!rights.add) return deny('thêm bậc giá');
    if (version.basis === 'flat')
      return void toast.info('Bảng giá một mức chỉ có một bậc: sửa đơn giá (Ctrl+F2) hoặc đổi cách tính định mức.');
    setDialog({ kind: 'tier', edit: false });
  };
  const editTier = () =>
    !tier ? toast.info('Chọn bậc giá.') : rights.edit ? setDialog({ kind: 'tier', edit: true }) : deny('sửa bậc giá');
  const removeTier = async () => {
    if (!tier || !version || deleting) return;
    if (!rights.delete) return deny('xóa bậc giá');
    if (tier.upTo === null)
      return void toast.error(
        'Không xóa được bậc cuối cùng (không giới hạn): sửa giới hạn của bậc trước thành bậc cuối hoặc sửa đơn giá.',
      );
    const ok = await confirm({
      title: 'Xóa bậc giá',
      message: `Xóa bậc ${tier.ordinal} (đến ${fmtInt(tier.upTo)} ${TIER_UNIT[version.basis]}, ${fmtVnd(tier.unitPrice)}/m3)?`,
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    const r = await deleteTier({ id: tier.id }, TARIFF_TYPENAMES);
    if (r.error) return void toast.error(errorMessage(r.error, 'Không xóa được bậc giá.'));
    toast.success('Đã xóa bậc giá.');
  };

  useHotkeys({
    F4: addType,
    F2: editType,
    F3: () => void removeType(),
    'Ctrl+F4': addTier,
    'Ctrl+F2': editTier,
    'Ctrl+F3': () => void removeTier(),
  });

  return {
    dialog,
    closeDialog: () => setDialog(null),
    deleting,
    confirmElement,
    addType,
    editType,
    removeType: () => void removeType(),
    addVersion,
    editVersion,
    removeVersion: () => void removeVersion(),
    addTier,
    editTier,
    removeTier: () => void removeTier(),
  };
}

export type TariffCommands = ReturnType<typeof useTariffCommands>;
