// Partners of the partner API (banks, e-wallets, stores): admins list, add and edit them and rotate their secrets.
// A secret is answered once, by createPartner and rotatePartnerSecret; no query returns it.
import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { ALLOW_ENTRY_MAX, MAX_ALLOW_LIST, PARTNER_NAME_MAX } from '@/schemas/partner-input';
import {
  createPartner,
  listPartners,
  rotatePartnerSecret,
  updatePartner,
  type PartnerRecord,
  type PartnerWithSecret,
} from '@/services/payments/partner.service';

const PartnerType = builder.objectRef<PartnerRecord>('Partner').implement({
  description: 'A bank, e-wallet or store that collects over the partner API (/api/partners/v1).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    code: t.exposeString('code', { description: 'What the partner sends in X-Partner-Id; fixed once made.' }),
    name: t.exposeString('name'),
    allowList: t.exposeStringList('allowList', {
      description: 'IP addresses or CIDR ranges the partner may call from; empty allows none.',
    }),
    allowOverpayment: t.exposeBoolean('allowOverpayment', {
      description: 'Whether an amount above what the customer owes is taken as credit (else refused).',
    }),
    notifiesBank: t.exposeBoolean('notifiesBank', {
      description: 'Whether the partner is a bank allowed to post credit notifications (bank-transactions).',
    }),
    active: t.exposeBoolean('active', { description: 'A deactivated partner is refused as unknown.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
  }),
});

const PartnerSecretType = builder.objectRef<PartnerWithSecret>('PartnerSecret').implement({
  description: 'A partner with its new HMAC secret: shown this once, then only the partner holds it.',
  fields: (t) => ({
    partner: t.field({ type: PartnerType, resolve: (r) => r.partner }),
    secret: t.exposeString('secret'),
  }),
});

const settings = {
  name: z.string().max(PARTNER_NAME_MAX, `Tên đối tác dài tối đa ${PARTNER_NAME_MAX} ký tự.`),
  allowList: z
    .array(z.string().max(ALLOW_ENTRY_MAX, `Mỗi dòng địa chỉ dài tối đa ${ALLOW_ENTRY_MAX} ký tự.`))
    .max(MAX_ALLOW_LIST, `Danh sách địa chỉ được phép tối đa ${MAX_ALLOW_LIST} dòng.`),
  allowOverpayment: z.boolean(),
  notifiesBank: z.boolean(),
  active: z.boolean(),
};

const CreatePartnerInput = builder.inputType('CreatePartnerInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: '2–32 of A–Z, 0–9 and _ (X-Partner-Id).' }),
    name: t.string({ required: true }),
    allowList: t.stringList({ required: true }),
    allowOverpayment: t.boolean({ required: true }),
    notifiesBank: t.boolean({ required: true }),
    active: t.boolean({ required: true }),
  }),
  validate: z.object({ code: z.string().max(32, 'Mã đối tác dài tối đa 32 ký tự.'), ...settings }),
});

const UpdatePartnerInput = builder.inputType('UpdatePartnerInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    allowList: t.stringList({ required: true }),
    allowOverpayment: t.boolean({ required: true }),
    notifiesBank: t.boolean({ required: true }),
    active: t.boolean({ required: true }),
  }),
  validate: z.object(settings),
});

builder.queryField('partners', (t) =>
  t.withAuth({ admin: true }).field({
    type: [PartnerType],
    description: 'Every partner of the partner API, by code (admins only).',
    resolve: (_root, _args, ctx) => listPartners(ctx.db, ctx.actor),
  }),
);

builder.mutationField('createPartner', (t) =>
  t.withAuth({ admin: true }).field({
    type: PartnerSecretType,
    description: 'Adds a partner with a new random secret, answered this once (admins only).',
    args: { input: t.arg({ type: CreatePartnerInput, required: true }) },
    resolve: (_root, args, ctx) => createPartner(ctx.db, ctx.actor, args.input),
  }),
);

builder.mutationField('updatePartner', (t) =>
  t.withAuth({ admin: true }).field({
    type: PartnerType,
    description: "Changes a partner's name, allow-list, overpayment setting and active flag (admins only).",
    args: { id: t.arg.int({ required: true }), input: t.arg({ type: UpdatePartnerInput, required: true }) },
    resolve: (_root, args, ctx) => updatePartner(ctx.db, ctx.actor, args.id, args.input),
  }),
);

builder.mutationField('rotatePartnerSecret', (t) =>
  t.withAuth({ admin: true }).field({
    type: PartnerSecretType,
    description: 'Gives a partner a new secret, answered this once; the old one stops working at once (admins only).',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => rotatePartnerSecret(ctx.db, ctx.actor, args.id),
  }),
);
