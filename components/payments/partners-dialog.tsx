'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, TextAreaField, TextField } from '@/components/ui/form-field';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { MAX_ALLOW_LIST, partnerFormSchema, splitAllowList, type PartnerFormValues } from '@/schemas/partner-input';
import {
  CreatePartnerMutation,
  PartnerFieldsFragment,
  UpdatePartnerMutation,
  type PartnerSummary,
} from './partners.documents';

const FORM_FIELDS = new Set<string>(['code', 'name', 'allowList', 'allowOverpayment', 'notifiesBank', 'active']);

export interface PartnersDialogProps {
  /** `null` adds a partner. */
  partner: PartnerSummary | null;
  /** A new partner comes back with its secret, to be shown once. */
  onSaved: (partner: PartnerSummary, secret: string | null) => void;
  onCancel: () => void;
}

/** Add or edit a partner: code (fixed once made), name, the addresses it may call from, and its two switches. */
export function PartnersDialog({ partner, onSaved, onCancel }: PartnersDialogProps) {
  const form = useForm<PartnerFormValues>({
    resolver: zodResolver(partnerFormSchema),
    defaultValues: {
      code: partner?.code ?? '',
      name: partner?.name ?? '',
      allowList: (partner?.allowList ?? []).join('\n'),
      allowOverpayment: partner?.allowOverpayment ?? false,
      notifiesBank: partner?.notifiesBank ?? false,
      active: partner?.active ?? true,
    },
  });
  const { register, formState, setError } = form;
  const errors = formState.errors;
  const [created, executeCreate] = useMutation(CreatePartnerMutation);
  const [updated, executeUpdate] = useMutation(UpdatePartnerMutation);
  const busy = created.fetching || updated.fetching;

  /** The server's refusal under the field it names (e.g. an allow-list entry that is no address), else on top. */
  const refused = (error: unknown) => {
    const e = apiError(error, 'Không lưu được, vui lòng thử lại.');
    const field = e.field && FORM_FIELDS.has(e.field) ? (e.field as keyof PartnerFormValues) : undefined;
    if (field) setError(field, { message: e.message }, { shouldFocus: true });
    else setError('root.server', { message: e.message });
  };

  const save = form.handleSubmit(async (v) => {
    if (busy) return;
    const settings = {
      name: v.name.trim(),
      allowList: splitAllowList(v.allowList),
      allowOverpayment: v.allowOverpayment,
      notifiesBank: v.notifiesBank,
      active: v.active,
    };
    if (!partner) {
      const r = await executeCreate({ input: { code: v.code.trim().toUpperCase(), ...settings } });
      if (r.error || !r.data) return refused(r.error);
      onSaved(readFragment(PartnerFieldsFragment, r.data.createPartner.partner), r.data.createPartner.secret);
      return;
    }
    const r = await executeUpdate({ id: partner.id, input: settings });
    if (r.error || !r.data) return refused(r.error);
    onSaved(readFragment(PartnerFieldsFragment, r.data.updatePartner), null);
  });
  const formError = errors.root?.server?.message;

  return (
    <Dialog
      open
      title={partner ? `Sửa đối tác ${partner.code}` : 'Thêm đối tác thu hộ'}
      onClose={() => !busy && onCancel()}
      onSave={() => void save()}
      closeOnBackdrop={false}
      size="lg"
      data-testid="partner-dialog"
      footer={
        <>
          <Button onClick={onCancel} disabled={busy} shortcut="Esc" data-testid="partner-cancel">
            Hủy
          </Button>
          <Button
            variant="primary"
            onClick={() => void save()}
            disabled={busy}
            shortcut="Alt+S"
            data-testid="partner-save"
          >
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <EnterForm onSubmit={() => void save()} autoComplete="off" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {formError && (
          <p
            role="alert"
            data-testid="partner-form-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2"
          >
            {formError}
          </p>
        )}
        <TextField
          label="Mã đối tác (X-Partner-Id)"
          required={!partner}
          readOnly={!!partner}
          maxLength={32}
          autoCapitalize="characters"
          spellCheck={false}
          hint={
            partner
              ? 'Không sửa được mã: đối tác gửi mã này trong mỗi yêu cầu.'
              : '2–32 ký tự A–Z, 0–9, dấu gạch dưới; ví dụ VIETINBANK.'
          }
          error={errors.code?.message}
          {...register('code')}
        />
        <TextField label="Tên đối tác" required maxLength={200} error={errors.name?.message} {...register('name')} />
        <TextAreaField
          label="Địa chỉ IP được phép gọi"
          rows={5}
          spellCheck={false}
          className="sm:col-span-2"
          hint={`Mỗi dòng một địa chỉ IP hoặc dải CIDR (203.0.113.10, 203.0.113.0/24, 2001:db8::/32), tối đa ${MAX_ALLOW_LIST} dòng. Để trống: không địa chỉ nào gọi được.`}
          error={errors.allowList?.message}
          {...register('allowList')}
        />
        <CheckboxField
          label="Cho thu vượt số phải trả (phần thừa thành tiền trả trước)"
          hint="Bỏ chọn: khoản thanh toán lớn hơn số khách hàng đang nợ bị từ chối."
          className="sm:col-span-2"
          {...register('allowOverpayment')}
        />
        <CheckboxField
          label="Là ngân hàng báo có tài khoản của công ty"
          hint="Chỉ đối tác được chọn mới gửi được thông báo chuyển khoản (bank-transactions)."
          className="sm:col-span-2"
          {...register('notifiesBank')}
        />
        <CheckboxField
          label="Đang hoạt động"
          hint="Bỏ chọn: mọi yêu cầu của đối tác bị từ chối như đối tác không tồn tại."
          className="sm:col-span-2"
          {...register('active')}
        />
      </EnterForm>
    </Dialog>
  );
}
