'use client';

import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { DataGrid } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Toolbar, ToolbarSeparator } from '@/components/ui/toolbar';
import { fmtInt, fmtVnd, formatBasisPoints } from '@/components/readings/format';
import { tierColumns, TYPE_COLUMNS, versionColumns } from './tariff-columns';
import { BASIS_SHORT, dmy, PRORATION_LABELS } from './tariff-labels';
import type { TariffVersion } from './tariffs.documents';
import type { TariffCatalogState } from './use-tariff-catalog';
import type { rightReasons, TariffCommands } from './use-tariff-commands';

type Reasons = ReturnType<typeof rightReasons>;

/** A toolbar command: disabled with the reason when the right is missing, plainly when nothing is selected. */
function Command(props: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  reason: string | null;
  disabled?: boolean;
  title?: string;
  testId: string;
}) {
  return (
    <Button
      shortcut={props.shortcut}
      onClick={props.onClick}
      disabledReason={props.reason}
      disabled={props.disabled}
      title={props.title ?? (props.shortcut ? `${props.label} (${props.shortcut})` : props.label)}
      data-testid={props.testId}
    >
      {props.label}
    </Button>
  );
}

const single = (key: string | null) => new Set(key ? [key] : []);

/** The service types: toolbar (F4 / F2 / F3), a filter and the grid. */
export function ServiceTypePanel({
  s,
  cmd,
  reasons,
}: {
  s: TariffCatalogState;
  cmd: TariffCommands;
  reasons: Reasons;
}) {
  const selected = useMemo(() => single(s.typeKey), [s.typeKey]);
  return (
    <section className="flex min-h-0 flex-col gap-2" aria-label="Loại dịch vụ">
      <Toolbar label="Loại dịch vụ">
        <Command label="Thêm" shortcut="F4" onClick={cmd.addType} reason={reasons.add} testId="btn-type-add" />
        <Command
          label="Sửa"
          shortcut="F2"
          onClick={cmd.editType}
          reason={reasons.edit}
          disabled={!s.type}
          testId="btn-type-edit"
        />
        <Command
          label="Xóa"
          shortcut="F3"
          onClick={cmd.removeType}
          reason={reasons.delete}
          disabled={!s.type || cmd.deleting}
          testId="btn-type-delete"
        />
      </Toolbar>
      <input
        type="search"
        value={s.filter}
        onChange={(e) => s.setFilter(e.target.value)}
        placeholder="Lọc theo mã, tên…"
        aria-label="Lọc loại dịch vụ"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      <div className="min-h-0 flex-1">
        <DataGrid
          rows={s.visibleTypes}
          columns={TYPE_COLUMNS}
          getRowKey={(t) => String(t.id)}
          label="Loại dịch vụ"
          selectedKeys={selected}
          activeKey={s.typeKey}
          onSelectionChange={(_k, a) => a && s.setTypeKey(a)}
          onRowActivate={() => cmd.editType()}
          multiSelect={false}
          data-testid="service-type-grid"
          rowTestId="service-type-row"
          emptyContent={
            <EmptyState title="Chưa có loại dịch vụ" description={reasons.add ? undefined : 'Bấm F4 để thêm.'} />
          }
        />
      </div>
    </section>
  );
}

/** The selected type's versions, the selected version's terms and its price tiers (Ctrl+F4 / Ctrl+F2 / Ctrl+F3). */
export function VersionPanel({ s, cmd, reasons }: { s: TariffCatalogState; cmd: TariffCommands; reasons: Reasons }) {
  const { type, version, tiers, tier } = s;
  const vColumns = useMemo(() => versionColumns(s.today, s.currentVersion?.id ?? null), [s.today, s.currentVersion]);
  const tColumns = useMemo(() => tierColumns(version?.basis ?? 'flat', tiers), [version?.basis, tiers]);
  const versionSel = useMemo(() => single(s.versionKey), [s.versionKey]);
  const tierSel = useMemo(() => single(s.tierKey), [s.tierKey]);
  if (!type) {
    return (
      <section className="flex min-h-0 flex-col gap-2" aria-label="Bảng giá">
        <EmptyState title="Chọn một loại dịch vụ" />
      </section>
    );
  }
  return (
    <section className="flex min-h-0 flex-col gap-2" aria-label="Bảng giá">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold text-slate-900">
          Bảng giá <span className="font-mono text-sm text-slate-500">{type.code}</span>
        </h2>
        <span className="truncate text-sm text-slate-600">{type.name}</span>
        <span className="flex-1" />
        <Toolbar label="Bảng giá">
          <Command
            label="Thêm bảng giá"
            onClick={cmd.addVersion}
            reason={reasons.add}
            testId="btn-version-add"
            title="Thêm bảng giá mới (chép từ bảng giá đang chọn)"
          />
          <Command
            label="Sửa"
            onClick={cmd.editVersion}
            reason={reasons.edit}
            disabled={!version}
            testId="btn-version-edit"
            title="Sửa bảng giá đang chọn"
          />
          <Command
            label="Xóa"
            onClick={cmd.removeVersion}
            reason={reasons.delete}
            disabled={!version || cmd.deleting}
            testId="btn-version-delete"
            title="Xóa bảng giá đang chọn"
          />
        </Toolbar>
      </div>
      <div className="h-[150px] shrink-0">
        <DataGrid
          rows={type.versions}
          columns={vColumns}
          getRowKey={(v) => String(v.id)}
          label={`Bảng giá của ${type.code}`}
          selectedKeys={versionSel}
          activeKey={s.versionKey}
          onSelectionChange={(_k, a) => a && s.setVersionKey(a)}
          onRowActivate={() => cmd.editVersion()}
          multiSelect={false}
          data-testid="version-grid"
          rowTestId="version-row"
          emptyContent={
            <EmptyState
              title="Loại dịch vụ chưa có bảng giá"
              description="Khách hàng thuộc loại này chưa tính được tiền."
            />
          }
        />
      </div>
      {version && <VersionDetail version={version} />}
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-800">Bậc giá lũy tiến</h3>
        <span className="flex-1" />
        <Toolbar label="Bậc giá">
          <Command
            label="Thêm bậc"
            shortcut="Ctrl+F4"
            onClick={cmd.addTier}
            reason={reasons.add}
            disabled={!version}
            testId="btn-tier-add"
          />
          <Command
            label="Sửa bậc"
            shortcut="Ctrl+F2"
            onClick={cmd.editTier}
            reason={reasons.edit}
            disabled={!tier}
            testId="btn-tier-edit"
          />
          <ToolbarSeparator />
          <Command
            label="Xóa bậc"
            shortcut="Ctrl+F3"
            onClick={cmd.removeTier}
            reason={reasons.delete}
            disabled={!tier || cmd.deleting}
            testId="btn-tier-delete"
          />
        </Toolbar>
      </div>
      <div className="min-h-[140px] flex-1">
        <DataGrid
          rows={tiers}
          columns={tColumns}
          getRowKey={(t) => String(t.id)}
          label="Bậc giá"
          selectedKeys={tierSel}
          activeKey={s.tierKey}
          onSelectionChange={(_k, a) => a && s.setTierKey(a)}
          onRowActivate={() => cmd.editTier()}
          multiSelect={false}
          data-testid="tier-grid"
          rowTestId="tier-row"
          emptyContent={<EmptyState title={version ? 'Bảng giá chưa có bậc' : 'Chọn một bảng giá'} />}
        />
      </div>
    </section>
  );
}

function VersionDetail({ version }: { version: TariffVersion }) {
  return (
    <dl
      className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm md:grid-cols-3"
      data-testid="version-detail"
    >
      <Info label="Hiệu lực từ" value={dmy(version.effectiveFrom)} />
      <Info label="Định mức" value={BASIS_SHORT[version.basis]} />
      <Info label="Đơn giá" value={version.pricesIncludeVat ? 'đã gồm thuế GTGT' : 'chưa gồm thuế GTGT'} />
      <Info label="Thuế GTGT" value={formatBasisPoints(version.vatRateBp)} />
      <Info label="Phí BVMT nước thải" value={formatBasisPoints(version.environmentFeeBp)} />
      <Info
        label="Thoát nước (VAT)"
        value={
          version.drainageBp
            ? `${formatBasisPoints(version.drainageBp)} (${formatBasisPoints(version.drainageVatBp)})`
            : 'không'
        }
      />
      <Info
        label="Tiêu thụ tối thiểu"
        value={version.minConsumption != null ? `${fmtInt(version.minConsumption)} m3` : 'không'}
      />
      <Info
        label="Thuê bao đồng hồ"
        value={version.meterSubscription != null ? fmtVnd(version.meterSubscription) : 'không'}
      />
      <Info label="Đổi giá trong kỳ" value={PRORATION_LABELS[version.prorationMethod]} />
      {version.note && <Info label="Ghi chú" value={version.note} wide />}
    </dl>
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
