'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton, ToolbarSeparator } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage, fmtInt, fmtVnd, formatBasisPoints, todayVN } from '@/components/readings/format';
import { foldVietnamese } from '@/domain/text/normalize';
import {
  BASIS_SHORT,
  PRORATION_LABELS,
  TIER_UNIT,
  UTILITY_LABELS,
  addTariffTier,
  createServiceType,
  createTariffVersion,
  deleteServiceType,
  deleteTariffTier,
  deleteTariffVersion,
  fetchTariffCatalog,
  updateServiceType,
  updateTariffTier,
  updateTariffVersion,
  type TariffServiceType,
  type TariffTier,
  type TariffVersion,
} from './api';
import { BillCalculator } from './bill-calculator';
import { ServiceTypeDialog, TierDialog, VersionDialog } from './tariff-dialogs';

/** What the user may do on the service-type catalog (computed on the server; the API checks again). */
export interface TariffRights {
  add: boolean;
  edit: boolean;
  delete: boolean;
}

const dmy = (d: string) => d.split('-').reverse().join('/');

const TYPE_COLUMNS: DataGridColumn<TariffServiceType>[] = [
  { key: 'code', header: 'Mã', width: 104, value: (t) => t.code },
  { key: 'name', header: 'Tên loại dịch vụ', width: 'minmax(100px,1fr)', value: (t) => t.name },
  { key: 'utility', header: 'Ngành', width: 54, value: (t) => UTILITY_LABELS[t.utility] ?? t.utility },
];

function versionColumns(today: string, current: number | null): DataGridColumn<TariffVersion>[] {
  return [
    {
      key: 'from',
      header: 'Hiệu lực từ',
      width: 156,
      value: (v) => v.effectiveFrom,
      render: (v) => (
        <span className="flex items-center gap-1">
          {dmy(v.effectiveFrom)}
          {v.id === current ? (
            <span className="rounded bg-emerald-100 px-1 text-[10px] font-semibold text-emerald-800">đang áp dụng</span>
          ) : v.effectiveFrom > today ? (
            <span className="rounded bg-sky-100 px-1 text-[10px] font-semibold text-sky-800">sắp áp dụng</span>
          ) : null}
        </span>
      ),
    },
    { key: 'basis', header: 'Định mức', width: 80, value: (v) => BASIS_SHORT[v.basis] },
    { key: 'vat', header: 'GTGT', width: 56, align: 'right', value: (v) => v.vatRateBp, render: (v) => formatBasisPoints(v.vatRateBp) },
    { key: 'env', header: 'BVMT', width: 56, align: 'right', value: (v) => v.environmentFeeBp, render: (v) => formatBasisPoints(v.environmentFeeBp) },
    { key: 'dr', header: 'Thoát nước', width: 84, align: 'right', value: (v) => v.drainageBp, render: (v) => (v.drainageBp ? formatBasisPoints(v.drainageBp) : '—') },
    { key: 'tiers', header: 'Bậc', width: 48, align: 'right', value: (v) => v.tiers.length },
    { key: 'use', header: 'Đã dùng', width: 66, align: 'center', value: (v) => v.isInUse, render: (v) => (v.isInUse ? '✓' : '') },
  ];
}

const TIER_COLUMNS = (basis: TariffVersion['basis'], tiers: readonly TariffTier[]): DataGridColumn<TariffTier>[] => [
  { key: 'ordinal', header: 'Bậc', width: 52, align: 'right', value: (t) => t.ordinal },
  {
    key: 'from',
    header: 'Từ',
    width: 90,
    align: 'right',
    sortable: false,
    render: (t) => {
      // The lower bound of a tier is the previous tier's limit.
      const i = tiers.findIndex((x) => x.id === t.id);
      const prev = i > 0 ? tiers[i - 1] : undefined;
      return <span className="text-slate-500">{prev?.upTo != null ? `> ${fmtInt(prev.upTo)}` : '0'}</span>;
    },
  },
  {
    key: 'upTo',
    header: `Đến (${TIER_UNIT[basis]})`,
    width: 'minmax(130px,1fr)',
    align: 'right',
    value: (t) => t.upTo,
    render: (t) => (t.upTo === null ? <span className="text-slate-500">không giới hạn</span> : fmtInt(t.upTo)),
  },
  { key: 'price', header: 'Đơn giá (đồng/m3)', width: 'minmax(130px,1fr)', align: 'right', value: (t) => t.unitPrice, render: (t) => fmtVnd(t.unitPrice) },
];

export function TariffsScreen({ rights }: { rights: TariffRights }) {
  return (
    <ToastProvider>
      <Screen rights={rights} />
    </ToastProvider>
  );
}

type DialogState =
  | { kind: 'type'; edit: boolean }
  | { kind: 'version'; edit: boolean }
  | { kind: 'tier'; edit: boolean }
  | null;

function Screen({ rights }: { rights: TariffRights }) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const [types, setTypes] = useState<TariffServiceType[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typeKey, setTypeKey] = useState<string | null>(null);
  const [versionKey, setVersionKey] = useState<string | null>(null);
  const [tierKey, setTierKey] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<DialogState>(null);
  const today = useMemo(() => todayVN(), []);

  const load = useCallback(async () => {
    try {
      const list = await fetchTariffCatalog();
      setTypes(list);
      setError(null);
      setTypeKey((k) => (k && list.some((t) => String(t.id) === k) ? k : list[0] ? String(list[0].id) : null));
      return list;
    } catch (e) {
      setError(errorMessage(e, 'Không tải được danh mục loại dịch vụ.'));
      return null;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const type = types?.find((t) => String(t.id) === typeKey) ?? null;
  const currentVersion = useMemo(() => {
    if (!type) return null;
    return [...type.versions].filter((v) => v.effectiveFrom <= today).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null;
  }, [type, today]);
  // Select the version in force when the service type changes.
  useEffect(() => {
    if (!type) return setVersionKey(null);
    setVersionKey((k) => (k && type.versions.some((v) => String(v.id) === k) ? k : currentVersion ? String(currentVersion.id) : type.versions[0] ? String(type.versions[0].id) : null));
  }, [type, currentVersion]);
  const version = type?.versions.find((v) => String(v.id) === versionKey) ?? null;
  const tiers = version?.tiers ?? [];
  useEffect(() => {
    setTierKey((k) => (k && tiers.some((t) => String(t.id) === k) ? k : tiers[0] ? String(tiers[0].id) : null));
  }, [tiers]);
  const tier = tiers.find((t) => String(t.id) === tierKey) ?? null;

  const visibleTypes = useMemo(() => {
    const f = foldVietnamese(filter.trim());
    if (!types || !f) return types ?? [];
    return types.filter((t) => foldVietnamese(`${t.code} ${t.name}`).includes(f));
  }, [types, filter]);
  const vColumns = useMemo(() => versionColumns(today, currentVersion?.id ?? null), [today, currentVersion]);
  const tColumns = useMemo(() => TIER_COLUMNS(version?.basis ?? 'flat', tiers), [version?.basis, tiers]);
  const typeSel = useMemo(() => new Set(typeKey ? [typeKey] : []), [typeKey]);
  const versionSel = useMemo(() => new Set(versionKey ? [versionKey] : []), [versionKey]);
  const tierSel = useMemo(() => new Set(tierKey ? [tierKey] : []), [tierKey]);

  // Replace one version in place after a tier or version mutation.
  const putVersion = (v: TariffVersion) =>
    setTypes((list) => list?.map((t) => (t.id === v.serviceTypeId ? { ...t, versions: t.versions.map((x) => (x.id === v.id ? v : x)) } : t)) ?? list);

  const deny = (what: string) => toast.error(`Bạn không có quyền ${what}.`);

  // ---------- service types: F4 / F2 / F3
  const addType = () => (rights.add ? setDialog({ kind: 'type', edit: false }) : deny('thêm loại dịch vụ'));
  const editType = () => (!type ? toast.info('Chọn loại dịch vụ.') : rights.edit ? setDialog({ kind: 'type', edit: true }) : deny('sửa loại dịch vụ'));
  const removeType = async () => {
    if (!type) return;
    if (!rights.delete) return deny('xóa loại dịch vụ');
    const ok = await confirm({
      title: 'Xóa loại dịch vụ',
      message: `Xóa loại dịch vụ ${type.code} – ${type.name}${type.versions.length ? ` cùng ${type.versions.length} bảng giá` : ''}? Chỉ xóa được khi chưa có khách hàng hay hóa đơn dùng nó.`,
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    try {
      for (const v of type.versions) await deleteTariffVersion(v.id);
      await deleteServiceType(type.id);
      toast.success(`Đã xóa loại dịch vụ ${type.code}.`);
      setTypeKey(null);
      await load();
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được loại dịch vụ.'));
      await load();
    }
  };

  // ---------- versions
  const addVersion = () => (!type ? toast.info('Chọn loại dịch vụ.') : rights.add ? setDialog({ kind: 'version', edit: false }) : deny('thêm bảng giá'));
  const editVersion = () => (!version ? toast.info('Chọn bảng giá.') : rights.edit ? setDialog({ kind: 'version', edit: true }) : deny('sửa bảng giá'));
  const removeVersion = async () => {
    if (!version || !type) return;
    if (!rights.delete) return deny('xóa bảng giá');
    if (version.isInUse) return void toast.error('Bảng giá đã được dùng cho hóa đơn nên không xóa được.');
    const ok = await confirm({ title: 'Xóa bảng giá', message: `Xóa bảng giá ${type.code} hiệu lực từ ${dmy(version.effectiveFrom)}?`, confirmLabel: 'Xóa', danger: true });
    if (!ok) return;
    try {
      await deleteTariffVersion(version.id);
      toast.success('Đã xóa bảng giá.');
      setVersionKey(null);
      await load();
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được bảng giá.'));
    }
  };

  // ---------- tiers: Ctrl+F4 / Ctrl+F2 / Ctrl+F3
  const addTier = () => {
    if (!version) return void toast.info('Chọn bảng giá để thêm bậc.');
    if (!rights.add) return deny('thêm bậc giá');
    if (version.basis === 'flat') return void toast.info('Bảng giá một mức chỉ có một bậc: sửa đơn giá (Ctrl+F2) hoặc đổi cách tính định mức.');
    setDialog({ kind: 'tier', edit: false });
  };
  const editTier = () => (!tier ? toast.info('Chọn bậc giá.') : rights.edit ? setDialog({ kind: 'tier', edit: true }) : deny('sửa bậc giá'));
  const removeTier = async () => {
    if (!tier || !version) return;
    if (!rights.delete) return deny('xóa bậc giá');
    if (tier.upTo === null) return void toast.error('Không xóa được bậc cuối cùng (không giới hạn): sửa giới hạn của bậc trước thành bậc cuối hoặc sửa đơn giá.');
    const ok = await confirm({
      title: 'Xóa bậc giá',
      message: `Xóa bậc ${tier.ordinal} (đến ${fmtInt(tier.upTo)} ${TIER_UNIT[version.basis]}, ${fmtVnd(tier.unitPrice)}/m3)?`,
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    try {
      putVersion(await deleteTariffTier(tier.id));
      toast.success('Đã xóa bậc giá.');
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được bậc giá.'));
    }
  };

  useHotkeys({
    F4: addType,
    F2: editType,
    F3: () => void removeType(),
    'Ctrl+F4': addTier,
    'Ctrl+F2': editTier,
    'Ctrl+F3': () => void removeTier(),
  });

  if (error && !types) {
    return <EmptyState tone="error" title="Không tải được danh mục" description={error} action={<Button onClick={() => void load()}>Thử lại</Button>} />;
  }
  if (!types) {
    return (
      <div className="p-6">
        <Spinner label="Đang tải loại dịch vụ và biểu giá…" />
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Loại dịch vụ, biểu giá</h1>
        <span className="text-sm text-slate-500">Giá lũy tiến theo hộ hoặc nhân khẩu, có ngày hiệu lực; đơn giá trước thuế trừ khi ghi “gồm VAT”.</span>
        {!rights.add && !rights.edit && !rights.delete && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Chỉ xem</span>}
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-[320px_minmax(0,1fr)_280px] gap-3 p-3">
        {/* Service types */}
        <section className="flex min-h-0 flex-col gap-2" aria-label="Loại dịch vụ">
          <Toolbar label="Loại dịch vụ">
            <ToolbarButton label="Thêm" shortcut="F4" onClick={addType} disabled={!rights.add} data-testid="btn-type-add" />
            <ToolbarButton label="Sửa" shortcut="F2" onClick={editType} disabled={!rights.edit || !type} data-testid="btn-type-edit" />
            <ToolbarButton label="Xóa" shortcut="F3" onClick={() => void removeType()} disabled={!rights.delete || !type} data-testid="btn-type-delete" />
          </Toolbar>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Lọc theo mã, tên…"
            aria-label="Lọc loại dịch vụ"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
          <div className="min-h-0 flex-1">
            <DataGrid
              rows={visibleTypes}
              columns={TYPE_COLUMNS}
              getRowKey={(t) => String(t.id)}
              label="Loại dịch vụ"
              selectedKeys={typeSel}
              activeKey={typeKey}
              onSelectionChange={(_k, a) => a && setTypeKey(a)}
              onRowActivate={() => editType()}
              multiSelect={false}
              data-testid="service-type-grid"
              rowTestId="service-type-row"
              emptyContent={<EmptyState title="Chưa có loại dịch vụ" description={rights.add ? 'Bấm F4 để thêm.' : undefined} />}
            />
          </div>
        </section>

        {/* Versions and tiers */}
        <section className="flex min-h-0 flex-col gap-2" aria-label="Bảng giá">
          {!type ? (
            <EmptyState title="Chọn một loại dịch vụ" />
          ) : (
            <>
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="font-semibold text-slate-900">
                  Bảng giá <span className="font-mono text-sm text-slate-500">{type.code}</span>
                </h2>
                <span className="truncate text-sm text-slate-600">{type.name}</span>
                <span className="flex-1" />
                <Toolbar label="Bảng giá">
                  <ToolbarButton label="Thêm bảng giá" onClick={addVersion} disabled={!rights.add} data-testid="btn-version-add" title="Thêm bảng giá mới (chép từ bảng giá đang chọn)" />
                  <ToolbarButton label="Sửa" onClick={editVersion} disabled={!rights.edit || !version} data-testid="btn-version-edit" title="Sửa bảng giá đang chọn" />
                  <ToolbarButton label="Xóa" onClick={() => void removeVersion()} disabled={!rights.delete || !version} data-testid="btn-version-delete" title="Xóa bảng giá đang chọn" />
                </Toolbar>
              </div>
              <div className="h-[150px] shrink-0">
                <DataGrid
                  rows={type.versions}
                  columns={vColumns}
                  getRowKey={(v) => String(v.id)}
                  label={`Bảng giá của ${type.code}`}
                  selectedKeys={versionSel}
                  activeKey={versionKey}
                  onSelectionChange={(_k, a) => a && setVersionKey(a)}
                  onRowActivate={() => editVersion()}
                  multiSelect={false}
                  data-testid="version-grid"
                  rowTestId="version-row"
                  emptyContent={<EmptyState title="Loại dịch vụ chưa có bảng giá" description="Khách hàng thuộc loại này chưa tính được tiền." />}
                />
              </div>
              {version && (
                <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm md:grid-cols-3" data-testid="version-detail">
                  <Info label="Hiệu lực từ" value={dmy(version.effectiveFrom)} />
                  <Info label="Định mức" value={BASIS_SHORT[version.basis]} />
                  <Info label="Đơn giá" value={version.pricesIncludeVat ? 'đã gồm thuế GTGT' : 'chưa gồm thuế GTGT'} />
                  <Info label="Thuế GTGT" value={formatBasisPoints(version.vatRateBp)} />
                  <Info label="Phí BVMT nước thải" value={formatBasisPoints(version.environmentFeeBp)} />
                  <Info label="Thoát nước (VAT)" value={version.drainageBp ? `${formatBasisPoints(version.drainageBp)} (${formatBasisPoints(version.drainageVatBp)})` : 'không'} />
                  <Info label="Tiêu thụ tối thiểu" value={version.minConsumption != null ? `${fmtInt(version.minConsumption)} m3` : 'không'} />
                  <Info label="Thuê bao đồng hồ" value={version.meterSubscription != null ? fmtVnd(version.meterSubscription) : 'không'} />
                  <Info label="Đổi giá trong kỳ" value={PRORATION_LABELS[version.prorationMethod]} />
                  {version.note && <Info label="Ghi chú" value={version.note} wide />}
                </dl>
              )}
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-semibold text-slate-800">Bậc giá lũy tiến</h3>
                <span className="flex-1" />
                <Toolbar label="Bậc giá">
                  <ToolbarButton label="Thêm bậc" shortcut="Ctrl+F4" onClick={addTier} disabled={!rights.add || !version} data-testid="btn-tier-add" />
                  <ToolbarButton label="Sửa bậc" shortcut="Ctrl+F2" onClick={editTier} disabled={!rights.edit || !tier} data-testid="btn-tier-edit" />
                  <ToolbarSeparator />
                  <ToolbarButton label="Xóa bậc" shortcut="Ctrl+F3" onClick={() => void removeTier()} disabled={!rights.delete || !tier} data-testid="btn-tier-delete" />
                </Toolbar>
              </div>
              <div className="min-h-[140px] flex-1">
                <DataGrid
                  rows={tiers}
                  columns={tColumns}
                  getRowKey={(t) => String(t.id)}
                  label="Bậc giá"
                  selectedKeys={tierSel}
                  activeKey={tierKey}
                  onSelectionChange={(_k, a) => a && setTierKey(a)}
                  onRowActivate={() => editTier()}
                  multiSelect={false}
                  data-testid="tier-grid"
                  rowTestId="tier-row"
                  emptyContent={<EmptyState title={version ? 'Bảng giá chưa có bậc' : 'Chọn một bảng giá'} />}
                />
              </div>
            </>
          )}
        </section>

        <BillCalculator types={types} selectedCode={type?.code ?? null} />
      </div>

      {dialog?.kind === 'type' && (
        <ServiceTypeDialog
          initial={dialog.edit ? type : null}
          onClose={() => setDialog(null)}
          onSave={async (input) => {
            if (dialog.edit && type) {
              await updateServiceType(type.id, input);
              toast.success(`Đã sửa loại dịch vụ ${input.code}.`);
            } else {
              const id = await createServiceType(input);
              setTypeKey(String(id));
              toast.success(`Đã thêm loại dịch vụ ${input.code}. Thêm bảng giá cho loại này để tính được tiền.`);
            }
            setDialog(null);
            await load();
          }}
        />
      )}
      {dialog?.kind === 'version' && type && (
        <VersionDialog
          serviceType={type}
          initial={dialog.edit ? version : null}
          copyFrom={dialog.edit ? null : (version ?? currentVersion)}
          onClose={() => setDialog(null)}
          onSave={async (fields, newTiers) => {
            if (dialog.edit && version) {
              putVersion(await updateTariffVersion(version.id, fields));
              toast.success('Đã sửa bảng giá.');
            } else {
              const v = await createTariffVersion(type.id, fields, newTiers ?? []);
              toast.success(`Đã thêm bảng giá ${type.code} hiệu lực từ ${dmy(v.effectiveFrom)}.`);
              await load();
              setVersionKey(String(v.id));
            }
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'tier' && type && version && (
        <TierDialog
          serviceType={type}
          version={version}
          initial={dialog.edit ? tier : null}
          onClose={() => setDialog(null)}
          onSave={async (input) => {
            const v = dialog.edit && tier ? await updateTariffTier(tier.id, input) : await addTariffTier(version.id, input);
            putVersion(v);
            toast.success(dialog.edit ? 'Đã sửa bậc giá.' : 'Đã thêm bậc giá.');
            setDialog(null);
          }}
        />
      )}
      {confirmElement}
    </div>
  );
}

function Info({ label, value, wide }: { label: string; value: string; wide?: boolean }) {
  return (
    <div className={wide ? 'col-span-full' : ''}>
      <dt className="inline text-slate-500">{label}: </dt>
      <dd className="inline font-medium text-slate-800">{value}</dd>
    </div>
  );
}
