import { builder } from '@/graphql/builder';
import { CustomerStatusEnum, CustomerTypeEnum, WastewaterFeeModeEnum } from './customer.enums';
import { contractInputSchema, customerFieldsSchema, meterInputSchema } from '@/services/customers/customer-input';

export const CustomerInput = builder
  .inputType('CustomerInput', {
    fields: (t) => ({
      bookId: t.int({ required: true }),
      sequenceNo: t.int({ description: 'Typed in tens; omitted: the next ten at the end of the book.' }),
      name: t.string({ required: true }),
      customerType: t.field({ type: CustomerTypeEnum, required: true }),
      taxCode: t.string(),
      citizenId: t.string(),
      address: t.string({ required: true }),
      wardId: t.int(),
      serviceTypeId: t.int(),
      households: t.int({ required: true }),
      persons: t.int({ required: true }),
      masterMeterId: t.int(),
      phone: t.string(),
      fax: t.string(),
      email: t.string(),
      bankAccount: t.string(),
      bankName: t.string(),
      wastewaterFeeMode: t.field({ type: WastewaterFeeModeEnum, required: true }),
      wastewaterFeeBp: t.int({ description: 'Custom wastewater fee in basis points (1000 = 10 %).' }),
      status: t.field({ type: CustomerStatusEnum, required: true }),
      isPreferential: t.boolean({ required: true }),
      preferentialUntil: t.field({ type: 'Date' }),
      extra: t.field({ type: 'JSON' }),
      latitude: t.float(),
      longitude: t.float(),
    }),
  })
  .validate(customerFieldsSchema);

export const MeterInput = builder
  .inputType('MeterInput', {
    fields: (t) => ({
      meterTypeId: t.int(),
      serial: t.string({ required: true }),
      sealNo: t.string(),
      verifiedOn: t.field({ type: 'Date' }),
      installedOn: t.field({ type: 'Date', required: true }),
      initialIndex: t.int({ required: true }),
    }),
  })
  .validate(meterInputSchema);

export const ContractInput = builder
  .inputType('ContractInput', {
    fields: (t) => ({
      address: t.string({ description: 'Defaults to the customer address.' }),
      signedOn: t.field({ type: 'Date', required: true }),
      handoverOn: t.field({ type: 'Date' }),
      installedOn: t.field({ type: 'Date' }),
      installationTeamId: t.int(),
    }),
  })
  .validate(contractInputSchema);
