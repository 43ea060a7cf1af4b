'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import {
  portalConnectionFormSchema,
  type PortalConnectionForm,
  type PortalConnectionFormValues,
} from '@/schemas/portal-requests';
import { DocumentUpload } from './document-upload';
import { Field, FormError, Honeypot, inputClass, Received, Section, SubmitButton } from './form-parts';
import { LocationPicker } from './location-picker';
import { SubmitConnectionRequestMutation, type PortalWardOption } from './portal-requests.documents';
import type { PortalServiceTypeOption } from './portal.documents';
import { usePortalSubmission } from './use-portal-submission';

const REGISTRATION_DOCUMENTS = ['CITIZEN_ID', 'LAND_PAPER', 'RESIDENCE', 'OTHER'] as const;

/**
 * Online registration for a new connection. Everything is checked in the browser with the schema whose output is
 * the server's input; on send the form solves a fresh proof-of-work challenge, then submits once (a resend carries
 * the same idempotency key) and shows the tracking code.
 */
export function RegistrationForm({
  wards,
  serviceTypes,
}: {
  wards: readonly PortalWardOption[];
  serviceTypes: readonly PortalServiceTypeOption[];
}) {
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    formState: { errors },
  } = useForm<PortalConnectionForm, unknown, PortalConnectionFormValues>({
    resolver: zodResolver(portalConnectionFormSchema),
    defaultValues: {
      applicantName: '',
      applicantPhone: '',
      applicantEmail: '',
      citizenId: '',
      contactName: '',
      contactPhone: '',
      address: '',
      wardId: '',
      serviceTypeCode: serviceTypes[0]?.code ?? '',
      households: '1',
      persons: '',
      latitude: '',
      longitude: '',
      description: '',
    },
  });
  const { documents, setDocuments, honeypot, busy, failure, received, submit } = usePortalSubmission(
    'Không gửi được đăng ký, vui lòng thử lại.',
  );

  const onSubmit = (values: PortalConnectionFormValues) =>
    submit(values.applicantEmail, async (client, extras) => {
      const result = await client
        .mutation(SubmitConnectionRequestMutation, { input: { ...values, ...extras } })
        .toPromise();
      return { error: result.error, trackingCode: result.data?.submitConnectionRequest.trackingCode };
    });

  if (received) return <Received trackingCode={received.code} email={received.email} what="đăng ký lắp đặt" />;

  const latitude = watch('latitude') ?? '';
  const longitude = watch('longitude') ?? '';
  const e = (name: keyof PortalConnectionForm) => errors[name]?.message;
  const aria = (id: string, name: keyof PortalConnectionForm) => ({
    id,
    'data-testid': id,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': `${id}-msg`,
    className: inputClass(Boolean(errors[name])),
  });

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="relative space-y-5" aria-label="Đăng ký lắp đặt">
      <Honeypot inputRef={honeypot} />
      <Section title="Người đăng ký">
        <Field id="reg-name" label="Họ và tên" error={e('applicantName')}>
          <input autoComplete="name" {...aria('reg-name', 'applicantName')} {...register('applicantName')} />
        </Field>
        <Field id="reg-citizen-id" label="Số căn cước công dân (12 số)" error={e('citizenId')}>
          <input
            inputMode="numeric"
            autoComplete="off"
            {...aria('reg-citizen-id', 'citizenId')}
            {...register('citizenId')}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="reg-phone"
            label="Số điện thoại"
            error={e('applicantPhone')}
            hint="4 số cuối dùng để tra cứu tình trạng yêu cầu."
          >
            <input
              type="tel"
              autoComplete="tel"
              {...aria('reg-phone', 'applicantPhone')}
              {...register('applicantPhone')}
            />
          </Field>
          <Field
            id="reg-email"
            label="Email (không bắt buộc)"
            error={e('applicantEmail')}
            hint="Để nhận email xác nhận."
          >
            <input
              type="email"
              autoComplete="email"
              {...aria('reg-email', 'applicantEmail')}
              {...register('applicantEmail')}
            />
          </Field>
        </div>
      </Section>

      <Section title="Người liên hệ tại nơi lắp đặt (nếu khác người đăng ký)">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="reg-contact-name" label="Họ và tên" error={e('contactName')}>
            <input autoComplete="off" {...aria('reg-contact-name', 'contactName')} {...register('contactName')} />
          </Field>
          <Field id="reg-contact-phone" label="Số điện thoại" error={e('contactPhone')}>
            <input
              type="tel"
              autoComplete="off"
              {...aria('reg-contact-phone', 'contactPhone')}
              {...register('contactPhone')}
            />
          </Field>
        </div>
      </Section>

      <Section title="Địa chỉ lắp đặt">
        <Field id="reg-address" label="Số nhà, ngõ, đường (thôn, xóm)" error={e('address')}>
          <input autoComplete="street-address" {...aria('reg-address', 'address')} {...register('address')} />
        </Field>
        <Field id="reg-ward" label="Phường, xã" error={e('wardId')}>
          <select {...aria('reg-ward', 'wardId')} {...register('wardId')}>
            <option value="">— Chọn phường, xã —</option>
            {wards.map((w) => (
              <option key={w.id} value={String(w.id)}>
                {w.name} ({w.district})
              </option>
            ))}
          </select>
        </Field>
      </Section>

      <Section title="Mục đích sử dụng">
        <Field id="reg-service-type" label="Mục đích sử dụng nước" error={e('serviceTypeCode')}>
          <select {...aria('reg-service-type', 'serviceTypeCode')} {...register('serviceTypeCode')}>
            {serviceTypes.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field id="reg-households" label="Số hộ dùng chung" error={e('households')}>
            <input inputMode="numeric" {...aria('reg-households', 'households')} {...register('households')} />
          </Field>
          <Field id="reg-persons" label="Số nhân khẩu" error={e('persons')}>
            <input inputMode="numeric" {...aria('reg-persons', 'persons')} {...register('persons')} />
          </Field>
        </div>
      </Section>

      <Section title="Vị trí lắp đồng hồ (không bắt buộc)">
        <p className="text-sm text-slate-600">Chạm vào bản đồ để đánh dấu vị trí, hoặc nhập tọa độ.</p>
        <LocationPicker
          latitude={latitude}
          longitude={longitude}
          onPick={(lat, lng) => {
            setValue('latitude', lat, { shouldValidate: true });
            setValue('longitude', lng, { shouldValidate: true });
          }}
        />
        <div className="grid grid-cols-2 gap-4">
          <Field id="reg-lat" label="Vĩ độ" error={e('latitude')}>
            <input
              inputMode="decimal"
              placeholder="21.028500"
              {...aria('reg-lat', 'latitude')}
              {...register('latitude')}
            />
          </Field>
          <Field id="reg-lng" label="Kinh độ" error={e('longitude')}>
            <input
              inputMode="decimal"
              placeholder="105.854200"
              {...aria('reg-lng', 'longitude')}
              {...register('longitude')}
            />
          </Field>
        </div>
      </Section>

      <Section title="Giấy tờ kèm theo">
        <p className="text-sm text-slate-600">
          Ảnh chụp hoặc bản quét căn cước công dân, giấy tờ nhà đất hoặc giấy xác nhận cư trú.
        </p>
        <DocumentUpload kinds={REGISTRATION_DOCUMENTS} value={documents} onChange={setDocuments} />
      </Section>

      <Section title="Ghi chú">
        <Field id="reg-description" label="Ghi chú thêm (không bắt buộc)" error={e('description')}>
          <textarea rows={3} {...aria('reg-description', 'description')} {...register('description')} />
        </Field>
      </Section>

      <FormError error={failure} />
      <SubmitButton busy={busy} label="Gửi đăng ký" busyLabel="Đang gửi…" />
    </form>
  );
}
