'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { EnterForm, TextAreaField, TextField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { apiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import {
  COMPANY_ADDRESS_MAX,
  COMPANY_NAME_MAX,
  OFFICE_HOURS_MAX,
  companyProfileSchema,
} from '@/schemas/company-profile';
import {
  CompanyProfileFieldsFragment,
  CompanyProfileQuery,
  UpdateCompanyProfileMutation,
  type CompanyProfileDetails,
} from './company-profile.documents';

const FIELDS = ['name', 'taxCode', 'address', 'phone', 'hotline', 'email', 'officeHours'] as const;
type Field = (typeof FIELDS)[number];

/** The form holds text in every box: a null detail is an empty box. */
const toForm = (p: CompanyProfileDetails): Record<Field, string> => ({
  name: p.name,
  taxCode: p.taxCode ?? '',
  address: p.address ?? '',
  phone: p.phone ?? '',
  hotline: p.hotline ?? '',
  email: p.email ?? '',
  officeHours: p.officeHours ?? '',
});

/** The field a server refusal names: `officeHours`, or `input.officeHours` from the argument-length check. */
function fieldOf(name: string | undefined): Field | undefined {
  const last = name?.split('.').pop();
  return FIELDS.find((f) => f === last);
}

export interface CompanyProfileScreenProps {
  /** The details, executed by the Server Component through the same document (see useHydrate). */
  initialData?: SSRData;
}

/** Hệ thống → Thông tin công ty (admins only): the name and contacts invoices print and the portal shows. */
export function CompanyProfileScreen(props: CompanyProfileScreenProps) {
  return (
    <ToastProvider>
      <CompanyProfileLoader {...props} />
    </ToastProvider>
  );
}

function CompanyProfileLoader({ initialData }: CompanyProfileScreenProps) {
  const requestPolicy = useHydrate(initialData);
  const [result, reexecute] = useQuery({ query: CompanyProfileQuery, requestPolicy });
  const profile = result.data ? readFragment(CompanyProfileFieldsFragment, result.data.companyProfile) : null;
  if (profile) return <CompanyProfileForm profile={profile} />;
  return (
    <div className="p-6">
      <h1 className="text-lg font-bold text-slate-900">Thông tin công ty</h1>
      {result.error ? (
        <div className="mt-4 max-w-xl rounded-md border border-red-200 bg-white">
          <EmptyState
            tone="error"
            title="Không tải được thông tin công ty"
            description={apiError(result.error).message}
            action={<Button onClick={() => reexecute({ requestPolicy: 'network-only' })}>Thử lại</Button>}
            data-testid="company-load-error"
          />
        </div>
      ) : (
        <div className="mt-4">
          <Spinner label="Đang tải thông tin công ty…" />
        </div>
      )}
    </div>
  );
}

function CompanyProfileForm({ profile }: { profile: CompanyProfileDetails }) {
  const toast = useToast();
  // The boxes hold text; the resolver hands the save the schema's output (trimmed, digits only, empty → null).
  const form = useForm({ resolver: zodResolver(companyProfileSchema), defaultValues: toForm(profile) });
  const { register, formState, setError, reset, watch } = form;
  const errors = formState.errors;
  const [saving, executeSave] = useMutation(UpdateCompanyProfileMutation);
  const busy = saving.fetching;
  const officeHoursLength = (watch('officeHours') ?? '').length;

  const save = form.handleSubmit(async (v) => {
    if (busy) return;
    const r = await executeSave({ input: v });
    if (r.error || !r.data) {
      const e = apiError(r.error, 'Không lưu được thông tin công ty, vui lòng thử lại.');
      const field = fieldOf(e.field);
      if (field) setError(field, { message: e.message }, { shouldFocus: true });
      else setError('root.server', { message: e.message });
      toast.error(e.message);
      return;
    }
    // What the server stored (digits only, trimmed lines) becomes the form's new starting point.
    reset(toForm(readFragment(CompanyProfileFieldsFragment, r.data.updateCompanyProfile)));
    toast.success('Đã lưu thông tin công ty.');
  });

  useHotkeys({ 'Alt+S': () => void save() });
  const formError = errors.root?.server?.message;

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 p-6" data-testid="company-screen">
      <header>
        <h1 className="text-lg font-bold text-slate-900">Thông tin công ty</h1>
        <p className="text-sm text-slate-500">
          In trên hóa đơn (đơn vị bán hàng) và hiển thị trên mọi trang của cổng thông tin khách hàng.
        </p>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <EnterForm
          onSubmit={() => void save()}
          autoComplete="off"
          className="grid grid-cols-1 gap-3 sm:grid-cols-2"
          data-testid="company-form"
        >
          {formError && (
            <p
              role="alert"
              data-testid="company-form-error"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-2"
            >
              {formError}
            </p>
          )}
          <TextField
            label="Tên công ty"
            required
            maxLength={COMPANY_NAME_MAX}
            className="sm:col-span-2"
            error={errors.name?.message}
            {...register('name')}
          />
          <TextField
            label="Mã số thuế"
            inputMode="numeric"
            maxLength={14}
            spellCheck={false}
            hint="10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số."
            error={errors.taxCode?.message}
            {...register('taxCode')}
          />
          <TextField
            label="Email chăm sóc khách hàng"
            type="email"
            spellCheck={false}
            error={errors.email?.message}
            {...register('email')}
          />
          <TextField
            label="Địa chỉ"
            maxLength={COMPANY_ADDRESS_MAX}
            className="sm:col-span-2"
            error={errors.address?.message}
            {...register('address')}
          />
          <TextField
            label="Điện thoại"
            type="tel"
            maxLength={20}
            hint="Ví dụ 024 3829 1234."
            error={errors.phone?.message}
            {...register('phone')}
          />
          <TextField
            label="Tổng đài chăm sóc khách hàng"
            type="tel"
            maxLength={20}
            hint="Số điện thoại hoặc đầu số 1800/1900, ví dụ 1900 54 54 33."
            error={errors.hotline?.message}
            {...register('hotline')}
          />
          <TextAreaField
            label="Giờ làm việc"
            rows={4}
            className="sm:col-span-2"
            placeholder={'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nThứ Bảy: 7:30 – 11:30'}
            hint={`Mỗi dòng một nhóm ngày; cổng khách hàng giữ nguyên các dòng. ${officeHoursLength}/${OFFICE_HOURS_MAX} ký tự.`}
            error={errors.officeHours?.message}
            {...register('officeHours')}
          />
          <div className="flex items-center justify-end gap-2 sm:col-span-2">
            {formState.isDirty && <span className="text-sm text-amber-700">Có thay đổi chưa lưu</span>}
            <Button onClick={() => reset()} disabled={!formState.isDirty || busy} data-testid="company-reset">
              Hoàn tác
            </Button>
            <Button type="submit" variant="primary" disabled={busy} shortcut="Alt+S" data-testid="company-save">
              {busy ? 'Đang lưu…' : 'Lưu'}
            </Button>
          </div>
        </EnterForm>
      </section>
    </div>
  );
}
