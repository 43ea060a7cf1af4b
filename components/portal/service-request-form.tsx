'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { WORK_ORDER_KIND_LABELS } from '@/domain/work-orders/kinds';
import {
  PORTAL_SERVICE_KINDS,
  portalServiceFormSchema,
  type PortalServiceForm,
  type PortalServiceFormValues,
  type PortalServiceKind,
} from '@/schemas/portal-requests';
import { DocumentUpload } from './document-upload';
import { Field, FormError, Honeypot, inputClass, Received, Section, SubmitButton } from './form-parts';
import { SubmitServiceRequestMutation } from './portal-requests.documents';
import { usePortalSubmission } from './use-portal-submission';

/** What the description box asks for, by kind. */
const DESCRIPTION_LABEL: Record<PortalServiceKind, string> = {
  RELOCATION: 'Lý do di dời (không bắt buộc)',
  UPGRADE: 'Nhu cầu nâng cấp',
  METER_REPLACEMENT: 'Lý do thay đồng hồ',
  METER_CHECK: 'Lý do đề nghị kiểm định',
  SUSPENSION: 'Lý do tạm ngưng (không bắt buộc)',
  RESUMPTION: 'Ghi chú (không bắt buộc)',
  NAME_CHANGE: 'Lý do đổi tên (không bắt buộc)',
  BILL_DISPUTE: 'Lý do khiếu nại',
  LEAK_REPORT: 'Mô tả thêm (không bắt buộc)',
  PROBLEM_REPORT: 'Mô tả sự cố',
};

const DOCUMENT_KINDS = ['PHOTO', 'CITIZEN_ID', 'LAND_PAPER', 'RESIDENCE', 'OTHER'] as const;

const isServiceKind = (v: string | undefined): v is PortalServiceKind =>
  (PORTAL_SERVICE_KINDS as readonly string[]).includes(v ?? '');

/**
 * A request of an existing customer: the kind, the customer code and the bill's second factor (the same proof as the
 * bill lookup), who asks and how to reach them, what the kind needs, and papers or photos. Checked in the browser
 * with the server's rules; sent with a solved challenge; answered with the tracking code.
 */
export function ServiceRequestForm({ initialKind }: { initialKind?: string | undefined }) {
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<PortalServiceForm, unknown, PortalServiceFormValues>({
    resolver: zodResolver(portalServiceFormSchema),
    defaultValues: {
      kind: isServiceKind(initialKind) ? initialKind : 'RELOCATION',
      customerCode: '',
      verifier: '',
      applicantName: '',
      applicantPhone: '',
      applicantEmail: '',
      description: '',
      details: { newAddress: '', meterSize: '', fromDate: '', toDate: '', newName: '', invoiceNumber: '', place: '' },
    },
  });
  const { documents, setDocuments, honeypot, busy, failure, received, submit } = usePortalSubmission(
    'Không gửi được yêu cầu, vui lòng thử lại.',
  );
  const kind = watch('kind') as PortalServiceKind;

  const onSubmit = (values: PortalServiceFormValues) =>
    submit(values.applicantEmail, async (client, extras) => {
      const result = await client
        .mutation(SubmitServiceRequestMutation, { input: { ...values, ...extras } })
        .toPromise();
      return { error: result.error, trackingCode: result.data?.submitServiceRequest.trackingCode };
    });

  if (received) return <Received trackingCode={received.code} email={received.email} what="yêu cầu" />;

  const de = errors.details;
  const field = (id: string, error: string | undefined) => ({
    id,
    'data-testid': id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': `${id}-msg`,
    className: inputClass(Boolean(error)),
  });

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="relative space-y-5" aria-label="Gửi yêu cầu dịch vụ">
      <Honeypot inputRef={honeypot} />
      <Section title="Loại yêu cầu">
        <Field id="svc-kind" label="Quý khách cần" error={errors.kind?.message}>
          <select {...field('svc-kind', errors.kind?.message)} {...register('kind')}>
            {PORTAL_SERVICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {WORK_ORDER_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
      </Section>

      <Section title="Xác minh khách hàng">
        <p className="text-sm text-slate-600">Như khi tra cứu hóa đơn: mã khách hàng in trên hóa đơn tiền nước.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="svc-code" label="Mã khách hàng" error={errors.customerCode?.message}>
            <input
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="Ví dụ: KH0001234"
              {...field('svc-code', errors.customerCode?.message)}
              {...register('customerCode')}
            />
          </Field>
          <Field
            id="svc-verifier"
            label="4 số cuối điện thoại đã đăng ký, hoặc số hóa đơn"
            error={errors.verifier?.message}
          >
            <input
              inputMode="numeric"
              autoComplete="off"
              {...field('svc-verifier', errors.verifier?.message)}
              {...register('verifier')}
            />
          </Field>
        </div>
      </Section>

      <Section title="Người yêu cầu">
        <Field id="svc-name" label="Họ và tên" error={errors.applicantName?.message}>
          <input
            autoComplete="name"
            {...field('svc-name', errors.applicantName?.message)}
            {...register('applicantName')}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="svc-phone"
            label="Số điện thoại liên hệ"
            error={errors.applicantPhone?.message}
            hint="4 số cuối dùng để tra cứu tình trạng yêu cầu."
          >
            <input
              type="tel"
              autoComplete="tel"
              {...field('svc-phone', errors.applicantPhone?.message)}
              {...register('applicantPhone')}
            />
          </Field>
          <Field id="svc-email" label="Email (không bắt buộc)" error={errors.applicantEmail?.message}>
            <input
              type="email"
              autoComplete="email"
              {...field('svc-email', errors.applicantEmail?.message)}
              {...register('applicantEmail')}
            />
          </Field>
        </div>
      </Section>

      <Section title="Nội dung yêu cầu">
        {kind === 'RELOCATION' && (
          <Field id="svc-new-address" label="Vị trí mới muốn đặt đồng hồ" error={de?.newAddress?.message}>
            <input {...field('svc-new-address', de?.newAddress?.message)} {...register('details.newAddress')} />
          </Field>
        )}
        {kind === 'UPGRADE' && (
          <Field id="svc-meter-size" label="Cỡ đồng hồ mong muốn (không bắt buộc)" error={de?.meterSize?.message}>
            <input
              placeholder="Ví dụ: DN20"
              {...field('svc-meter-size', de?.meterSize?.message)}
              {...register('details.meterSize')}
            />
          </Field>
        )}
        {(kind === 'SUSPENSION' || kind === 'RESUMPTION') && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="svc-from"
              label={kind === 'SUSPENSION' ? 'Tạm ngưng từ ngày' : 'Mở lại từ ngày'}
              error={de?.fromDate?.message}
            >
              <input type="date" {...field('svc-from', de?.fromDate?.message)} {...register('details.fromDate')} />
            </Field>
            {kind === 'SUSPENSION' && (
              <Field id="svc-to" label="Đến ngày (không bắt buộc)" error={de?.toDate?.message}>
                <input type="date" {...field('svc-to', de?.toDate?.message)} {...register('details.toDate')} />
              </Field>
            )}
          </div>
        )}
        {kind === 'NAME_CHANGE' && (
          <Field id="svc-new-name" label="Tên mới trên hợp đồng" error={de?.newName?.message}>
            <input {...field('svc-new-name', de?.newName?.message)} {...register('details.newName')} />
          </Field>
        )}
        {kind === 'BILL_DISPUTE' && (
          <Field id="svc-invoice" label="Số hóa đơn khiếu nại (8 chữ số)" error={de?.invoiceNumber?.message}>
            <input
              inputMode="numeric"
              {...field('svc-invoice', de?.invoiceNumber?.message)}
              {...register('details.invoiceNumber')}
            />
          </Field>
        )}
        {kind === 'LEAK_REPORT' && (
          <Field id="svc-place" label="Vị trí rò rỉ, bể ống" error={de?.place?.message}>
            <input {...field('svc-place', de?.place?.message)} {...register('details.place')} />
          </Field>
        )}
        <Field id="svc-description" label={DESCRIPTION_LABEL[kind] ?? 'Nội dung'} error={errors.description?.message}>
          <textarea rows={3} {...field('svc-description', errors.description?.message)} {...register('description')} />
        </Field>
      </Section>

      <Section title="Giấy tờ, hình ảnh kèm theo (không bắt buộc)">
        <DocumentUpload kinds={DOCUMENT_KINDS} value={documents} onChange={setDocuments} />
      </Section>

      <FormError error={failure} />
      <SubmitButton busy={busy} label="Gửi yêu cầu" busyLabel="Đang gửi…" />
    </form>
  );
}
