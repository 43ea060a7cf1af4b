'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, SelectField, TextField } from '@/components/ui/form-field';
import { DialogFooter, formErrors, GeneralError, type Errors } from './dialog-parts';
import { UTILITY_LABELS } from './tariff-labels';
import {
  CreateServiceTypeMutation,
  TARIFF_TYPENAMES,
  UpdateServiceTypeMutation,
  type ServiceTypeInput,
  type TariffServiceType,
} from './tariffs.documents';

/** Adds (F4) or edits (F2) a service type. */
export function ServiceTypeDialog({
  initial,
  onClose,
  onSaved,
}: {
  initial: TariffServiceType | null;
  onClose: () => void;
  onSaved: (id: number, input: ServiceTypeInput) => void;
}) {
  const [v, setV] = useState({
    code: initial?.code ?? '',
    name: initial?.name ?? '',
    utility: initial?.utility ?? 'water',
    isDomestic: initial ? initial.isDomestic : true,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [creation, create] = useMutation(CreateServiceTypeMutation);
  const [update, executeUpdate] = useMutation(UpdateServiceTypeMutation);
  const busy = creation.fetching || update.fetching;

  const submit = async () => {
    if (busy) return;
    const errs: Errors = {};
    const code = v.code.trim().toUpperCase();
    if (!code) errs.code = 'Mã không được để trống.';
    else if (!/^[A-Z0-9._\-/]{1,24}$/.test(code))
      errs.code = 'Mã chỉ gồm chữ cái không dấu, chữ số và . _ - / (tối đa 24 ký tự).';
    if (!v.name.trim()) errs.name = 'Tên loại dịch vụ không được để trống.';
    else if (v.name.trim().length > 200) errs.name = 'Tên dài tối đa 200 ký tự.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const input: ServiceTypeInput = { code, name: v.name.trim(), utility: v.utility, isDomestic: v.isDomestic ? 1 : 0 };
    const result = initial
      ? await executeUpdate({ id: initial.id, input }, TARIFF_TYPENAMES)
      : await create({ input }, TARIFF_TYPENAMES);
    const id =
      result.data &&
      ('createServiceType' in result.data ? result.data.createServiceType.id : result.data.updateServiceType.id);
    if (id === undefined) return setErrors(formErrors(result.error, 'Không lưu được loại dịch vụ.'));
    onSaved(id, input);
  };

  return (
    <Dialog
      open
      title={initial ? `Sửa loại dịch vụ ${initial.code}` : 'Thêm loại dịch vụ'}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={() => void submit()}
      data-testid="service-type-dialog"
      footer={<DialogFooter busy={busy} onCancel={onClose} formId="service-type-form" label="Lưu" />}
    >
      <EnterForm onSubmit={() => void submit()} id="service-type-form" className="grid grid-cols-2 gap-3">
        <TextField
          label="Mã"
          name="code"
          value={v.code}
          onChange={(e) => setV((s) => ({ ...s, code: e.target.value.toUpperCase() }))}
          error={errors.code}
          required
          maxLength={24}
        />
        <SelectField
          label="Ngành"
          name="utility"
          value={v.utility}
          onChange={(e) => setV((s) => ({ ...s, utility: e.target.value }))}
          options={Object.entries(UTILITY_LABELS).map(([value, label]) => ({ value, label }))}
          error={errors.utility}
        />
        <TextField
          label="Tên loại dịch vụ"
          name="name"
          value={v.name}
          onChange={(e) => setV((s) => ({ ...s, name: e.target.value }))}
          error={errors.name}
          required
          className="col-span-2"
        />
        <CheckboxField
          label="Sinh hoạt (hộ gia đình: được miễn phí BVMT ở xã nông thôn, bậc thang theo hộ hoặc nhân khẩu)"
          name="isDomestic"
          checked={v.isDomestic}
          onChange={(e) => setV((s) => ({ ...s, isDomestic: e.target.checked }))}
          className="col-span-2"
        />
        <div className="col-span-2">
          <GeneralError errors={errors} />
        </div>
      </EnterForm>
    </Dialog>
  );
}
