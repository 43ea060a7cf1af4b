'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField, enterMovesFocus } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { apiError } from '@/lib/graphql/errors';
import { contractFormSchema, type ContractFormValues, type ContractInput } from '@/schemas/customer-input';
import {
  CUSTOMER_TYPENAMES,
  ResignContractMutation,
  UpdateContractMutation,
  type Contract,
  type CustomerDetail,
} from './customer-documents';
import { fmtDate, todayVN } from './format';
import { MISSING_RIGHT } from './customer-rights';
import { catalogOptions, type CustomerTabProps } from './tab-form';
import type { Catalogs } from './use-customer-data';

const th = 'border-b border-slate-200 px-2 py-1.5 text-left text-xs font-semibold text-slate-600';
const td = 'border-b border-slate-100 px-2 py-1.5 align-top';

/** The dialog's fields, to tell a server issue about one of them from one about the whole contract. */
const CONTRACT_FIELDS: Record<keyof ContractFormValues, true> = {
  address: true,
  signedOn: true,
  handoverOn: true,
  installedOn: true,
  installationTeamId: true,
};

export function ContractsTab({ customer, catalogs, canEdit, onChanged }: CustomerTabProps) {
  const current = customer.contracts.find((c) => c.isCurrent) ?? null;
  const [dialog, setDialog] = useState<'edit' | 'resign' | null>(null);
  const teamName = (id: number | null) => {
    const t = catalogs?.installationTeams.find((x) => x.id === id);
    return t ? t.name : '';
  };
  return (
    <div className="space-y-3">
      {/* Shown to every reader, disabled with the reason for those without the right. */}
      <div className="flex gap-2">
        {current && (
          <Button
            size="sm"
            disabledReason={canEdit ? null : MISSING_RIGHT.edit}
            onClick={() => setDialog('edit')}
            data-testid="btn-edit-contract"
          >
            Sửa hợp đồng hiện hành
          </Button>
        )}
        <Button
          size="sm"
          variant="primary"
          disabledReason={canEdit ? null : MISSING_RIGHT.edit}
          onClick={() => setDialog('resign')}
          data-testid="btn-resign-contract"
        >
          {customer.contracts.length ? 'Ký lại hợp đồng' : 'Ký hợp đồng'}
        </Button>
      </div>
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
  const { register, handleSubmit, setError, formState } = useForm<ContractFormValues, unknown, ContractInput>({
    resolver: zodResolver(contractFormSchema),
    defaultValues: {
      address: contract?.address ?? customer.address,
      signedOn: contract?.signedOn ?? todayVN(),
      handoverOn: contract?.handoverOn ?? '',
      installedOn: contract?.installedOn ?? '',
      installationTeamId: contract?.installationTeamId ? String(contract.installationTeamId) : '',
    },
  });
  const [, update] = useMutation(UpdateContractMutation);
  const [, resign] = useMutation(ResignContractMutation);
  const busy = formState.isSubmitting;
  const errors = formState.errors;
  // The field keeps its own `name` prop (the same name); register gives the value binding and the ref.
  const field = (name: keyof ContractFormValues) => {
    const { name: _same, ...binding } = register(name);
    return { ...binding, error: errors[name]?.message };
  };

  async function save(input: ContractInput) {
    const vars = { customerId: customer.id, input };
    const result = mode === 'edit' ? await update(vars, CUSTOMER_TYPENAMES) : await resign(vars, CUSTOMER_TYPENAMES);
    if (result.error) {
      const e = apiError(result.error, 'Đã có lỗi.');
      for (const i of e.issues ?? []) {
        const name = i.path.split('.').pop() ?? '';
        if (name in CONTRACT_FIELDS) setError(name as keyof ContractFormValues, { message: i.message });
      }
      setError('root', { message: e.message });
      return;
    }
    toast.success(mode === 'edit' ? 'Đã lưu hợp đồng.' : 'Đã ký lại hợp đồng.');
    onDone();
  }
  const submit = () => void handleSubmit(save)();
  const formError = errors.root?.message ?? null;
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
        <TextField
          label="Địa chỉ trên hợp đồng"
          name="address"
          className="col-span-2"
          hint="Mặc định là địa chỉ khách hàng."
          {...field('address')}
        />
        <TextField label="Ngày ký" name="signedOn" type="date" required {...field('signedOn')} />
        <TextField label="Ngày bàn giao" name="handoverOn" type="date" {...field('handoverOn')} />
        <TextField label="Ngày lắp đặt" name="installedOn" type="date" {...field('installedOn')} />
        <SelectField
          label="Tổ lắp đặt"
          name="installationTeamId"
          options={catalogOptions(catalogs?.installationTeams)}
          placeholder="— Chọn —"
          {...field('installationTeamId')}
        />
      </div>
    </Dialog>
  );
}
