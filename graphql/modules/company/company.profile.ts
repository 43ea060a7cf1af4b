// The company's own details (Hệ thống → Thông tin công ty): administrators read and change them; the portal shows
// them to everyone through the public portalCompany field.
import { builder } from '@/graphql/builder';
import type { CompanyProfile } from '@/schemas/company-profile';
import { getCompanyProfile, updateCompanyProfile } from '@/services/company/company-profile.service';

const CompanyProfileType = builder.objectRef<CompanyProfile>('CompanyProfile').implement({
  description: 'The company’s name and contacts: printed on invoices as the seller and shown on every portal page.',
  fields: (t) => ({
    name: t.exposeString('name'),
    taxCode: t.exposeString('taxCode', {
      nullable: true,
      description: 'Mã số thuế: 10 digits, or 10 digits, a dash and 3 digits.',
    }),
    address: t.exposeString('address', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true, description: 'Digits only, e.g. 02438291234.' }),
    hotline: t.exposeString('hotline', {
      nullable: true,
      description: 'Customer-care number, digits only: a phone number or a 1800/1900 number.',
    }),
    email: t.exposeString('email', { nullable: true }),
    officeHours: t.exposeString('officeHours', {
      nullable: true,
      description: 'Free text, one line per group of days (newline-separated), at most 300 characters.',
    }),
  }),
});

const CompanyProfileInput = builder.inputType('CompanyProfileInput', {
  description: 'Every field is written: an empty or missing optional field clears it.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'At most 200 characters.' }),
    taxCode: t.string(),
    address: t.string({ description: 'At most 300 characters.' }),
    phone: t.string(),
    hotline: t.string(),
    email: t.string(),
    officeHours: t.string({ description: 'At most 300 characters; line breaks are kept.' }),
  }),
});

builder.queryField('companyProfile', (t) =>
  t.withAuth({ admin: true }).field({
    type: CompanyProfileType,
    description: 'The company’s name and contacts, for the settings screen (admins only).',
    resolve: (_root, _args, ctx) => getCompanyProfile(ctx.db, ctx.actor),
  }),
);

builder.mutationField('updateCompanyProfile', (t) =>
  t.withAuth({ admin: true }).field({
    type: CompanyProfileType,
    description: 'Replaces the company’s name and contacts (admins only); answers them as stored.',
    args: { input: t.arg({ type: CompanyProfileInput, required: true }) },
    resolve: (_root, args, ctx) => updateCompanyProfile(ctx.db, ctx.actor, args.input),
  }),
);
