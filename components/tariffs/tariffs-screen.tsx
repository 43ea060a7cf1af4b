'use client';

import type { SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { BillCalculator } from './bill-calculator';
import { ServiceTypeDialog } from './service-type-dialog';
import { ServiceTypePanel, VersionPanel } from './tariff-panels';
import { dmy } from './tariff-labels';
import { TierDialog } from './tier-dialog';
import { useTariffCatalog } from './use-tariff-catalog';
import { rightReasons, useTariffCommands, type TariffRights } from './use-tariff-commands';
import { VersionDialog } from './version-dialog';

export interface TariffsScreenProps {
  rights: TariffRights;
  /** The catalog, executed by the Server Component through the same document (see useHydrate). */
  initialData?: SSRData;
}

/**
 * Danh mục dịch vụ – giá lũy tiến: service types, their tariff versions and price tiers, and the bill calculator.
 * Documents: tariffs.documents.ts; keyboard map and commands: use-tariff-commands.ts.
 */
export function TariffsScreen(props: TariffsScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialData }: TariffsScreenProps) {
  const toast = useToast();
  const s = useTariffCatalog(initialData);
  const cmd = useTariffCommands(rights, s);
  const reasons = rightReasons(rights);
  const { types, type, version, tier, currentVersion } = s;
  const { dialog } = cmd;

  if (s.loadError && !types) {
    return (
      <EmptyState
        tone="error"
        title="Không tải được danh mục"
        description={s.loadError}
        action={<Button onClick={s.refresh}>Thử lại</Button>}
      />
    );
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
        <span className="text-sm text-slate-500">
          Giá lũy tiến theo hộ hoặc nhân khẩu, có ngày hiệu lực; đơn giá trước thuế trừ khi ghi “gồm VAT”.
        </span>
        {!rights.add && !rights.edit && !rights.delete && (
          <ReadOnlyBadge reason="Bạn chỉ có quyền xem loại dịch vụ và biểu giá." />
        )}
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-[320px_minmax(0,1fr)_280px] gap-3 p-3">
        <ServiceTypePanel s={s} cmd={cmd} reasons={reasons} />
        <VersionPanel s={s} cmd={cmd} reasons={reasons} />
        <BillCalculator types={types} selectedCode={type?.code ?? null} />
      </div>

      {dialog?.kind === 'type' && (
        <ServiceTypeDialog
          initial={dialog.edit ? type : null}
          onClose={cmd.closeDialog}
          onSaved={(id, input) => {
            if (dialog.edit) toast.success(`Đã sửa loại dịch vụ ${input.code}.`);
            else {
              s.setTypeKey(String(id));
              toast.success(`Đã thêm loại dịch vụ ${input.code}. Thêm bảng giá cho loại này để tính được tiền.`);
            }
            cmd.closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'version' && type && (
        <VersionDialog
          serviceType={type}
          initial={dialog.edit ? version : null}
          copyFrom={dialog.edit ? null : (version ?? currentVersion)}
          onClose={cmd.closeDialog}
          onSaved={(v) => {
            if (dialog.edit) toast.success('Đã sửa bảng giá.');
            else {
              toast.success(`Đã thêm bảng giá ${type.code} hiệu lực từ ${dmy(v.effectiveFrom)}.`);
              s.setVersionKey(String(v.id));
            }
            cmd.closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'tier' && type && version && (
        <TierDialog
          serviceType={type}
          version={version}
          initial={dialog.edit ? tier : null}
          onClose={cmd.closeDialog}
          onSaved={() => {
            toast.success(dialog.edit ? 'Đã sửa bậc giá.' : 'Đã thêm bậc giá.');
            cmd.closeDialog();
          }}
        />
      )}
      {cmd.confirmElement}
    </div>
  );
}
