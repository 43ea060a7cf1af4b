'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField, enterMovesFocus } from '@/components/ui/form-field';
import { GraphQLRequestError } from '@/components/ui/graphql-client';
import { useToast } from '@/components/ui/toast';
import { contractInputSchema } from '@/services/customers/customer-input';
import { resignContract, updateContract, type Catalogs, type Contract, type CustomerDetail } from './api';
import { fmtDate, todayVN } from './format';
import { catalogOptions, useFormFields, type CustomerTabProps } from './tab-form';

const th = 'border-b border-slate-200 px-2 py-1.5 text-left text-xs font-semibold text-slate-600';
const td = 'border-b border-slate-100 px-2 py-1.5 align-top';

export function ContractsTab({ customer, catalogs, canEdit, onChanged }: CustomerTabProps) {
  const current = customer.contracts.find((c) => c.isCurrent) ?? null;
  const [dialog, setDialog] = useState<'edit' | 'resign' | null>(null);
  const teamName = (id: number | null) => {
    const t = catalogs?.installationTeams.find((x) => x.id === id);
    return t ? t.name : '';
  };
  return (
    <div className="space-y-3">
      {canEdit && (
        <div className="flex gap-2">
          {current && (
            <Button size="sm" onClick={() => setDialog('edit')} data-testid="btn-edit-contract">
              Sửa hợp đồng hiện hành
            </Button>
          )}
          <Button size="sm" variant="primary" onClick={() => setDialog('resign')} data-testid="btn-resign-contract">
            {customer.contracts.length ? 'Ký lại hợp đồng' : 'Ký hợp đồng'}
          </Button>
        </div>
      )}
      {customer.contracts.length === 0 ? (
        <EmptyState title="Khách hàng chưa có hợp đồng" />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="contract-list">
            <thead>
              <tr>
                <th className={th}>Số hợp đồng</th>
                <th className={th}>Địa chỉ trên hợp đồng</th>
                <th className={th}>Ngày ký</th>
                <th className={th}>Bàn giao</th>
                <th className={th}>Lắp đặt</th>
                <th className={th}>Tổ lắp đặt</th>
                <th className={th}>Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {customer.contracts.map((c) => (
                <tr key={c.id} data-testid="contract-row" className={c.isCurrent ? 'bg-emerald-50/50' : ''}>
                  <td className={`${td} font-medium`}>{c.number}</td>
                  <td className={td}>{c.address}</td>
                  <td className={td}>{fmtDate(c.signedOn)}</td>
                  <td className={td}>{fmtDate(c.handoverOn)}</td>
                  <td className={td}>{fmtDate(c.installedOn)}</td>
                  <td className={td}>{teamName(c.installationTeamId)}</td>
                  <td className={td}>
                    {c.isCurrent ? (
                      <span className="text-emerald-700">Hiện hành</span>
                    ) : (
                      <span className="text-slate-500">Hết hiệu lực{c.endedOn ? ` từ ${fmtDate(c.endedOn)}` : ''}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog && (
        <ContractDialog
          mode={dialog}
          customer={customer}
          contract={dialog === 'edit' ? current : null}
          catalogs={catalogs}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function ContractDialog({
  mode,
  customer,
  contract,
  catalogs,
  onClose,
  onDone,
}: {
  mode: 'edit' | 'resign';
  customer: CustomerDetail;
  contract: Contract | null;
  catalogs: Catalogs | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const { v, setErrors, bind } = useFormFields({
    address: contract?.address ?? customer.address,
    signedOn: contract?.signedOn ?? todayVN(),
    handoverOn: contract?.handoverOn ?? '',
    installedOn: contract?.installedOn ?? '',
    installationTeamId: contract?.installationTeamId ? String(contract.installationTeamId) : '',
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    const parsed = contractInputSchema.safeParse({
      address: v.address,
      signedOn: v.signedOn,
      handoverOn: v.handoverOn || null,
      installedOn: v.installedOn || null,
      installationTeamId: v.installationTeamId ? Number(v.installationTeamId) : null,
    });
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error.issues) errs[String(i.path[0])] ??= i.message;
      setErrors(errs);
      return;
    }
    setErrors({});
    setBusy(true);
    setFormError(null);
    try {
      if (mode === 'edit') await updateContract(customer.id, parsed.data);
      else await resignContract(customer.id, parsed.data);
      toast.success(mode === 'edit' ? 'Đã lưu hợp đồng.' : 'Đã ký lại hợp đồng.');
      onDone();
    } catch (e) {
      if (e instanceof GraphQLRequestError) {
        const fe: Record<string, string> = {};
        for (const i of e.issues ?? []) fe[i.path.split('.').pop() ?? ''] = i.message;
        setErrors(fe);
      }
      setFormError(e instanceof Error ? e.message : 'Đã có lỗi.');
    } finally {
      setBusy(false);
    }
  }
  const next = String(Math.max(0, ...customer.contracts.map((c) => c.revision)) + 1).padStart(2, '0');
  return (
    <Dialog
      open
      title={mode === 'edit' ? `Sửa hợp đồng ${contract?.number ?? ''}` : 'Ký lại hợp đồng'}
      description={
        mode === 'resign'
          ? `Hợp đồng mới sẽ có số ${customer.code}/${next}; hợp đồng cũ được giữ lại và hết hiệu lực từ ngày ký mới.`
          : 'Số hợp đồng không thay đổi.'
      }
      onClose={onClose}
      onSave={submit}
      closeOnBackdrop={false}
      size="lg"
      data-testid="contract-dialog"
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={submit} disabled={busy} shortcut="Alt+S" data-testid="contract-save">
            {busy ? 'Đang lưu…' : mode === 'edit' ? 'Lưu' : 'Ký lại'}
          </Button>
        </>
      }
    >
      <div className="grid grid-cols-2 gap-3" onKeyDown={enterMovesFocus}>
        {formError && (
          <p role="alert" className="col-span-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {formError}
          </p>
        )}
        <TextField label="Địa chỉ trên hợp đồng" name="address" className="col-span-2" hint="Mặc định là địa chỉ khách hàng." {...bind('address')} />
        <TextField label="Ngày ký" name="signedOn" type="date" required {...bind('signedOn')} />
        <TextField label="Ngày bàn giao" name="handoverOn" type="date" {...bind('handoverOn')} />
        <TextField label="Ngày lắp đặt" name="installedOn" type="date" {...bind('installedOn')} />
        <SelectField
          label="Tổ lắp đặt"
          name="installationTeamId"
          options={catalogOptions(catalogs?.installationTeams)}
          placeholder="— Chọn —"
          {...bind('installationTeamId')}
        />
      </div>
    </Dialog>
  );
}
