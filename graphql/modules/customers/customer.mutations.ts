import { z } from 'zod';
import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { moveCustomers, placeCustomerAfter, renumberBook } from '@/services/customers/book.service';
import {
  createCustomer,
  deleteCustomer,
  replaceMeter,
  resignContract,
  updateActiveMeter,
  updateCurrentContract,
  updateCustomer,
} from '@/services/customers/customer.service';
import { deleteAttachment } from '@/services/customers/attachment.service';
import { correctMeterReplacement } from '@/services/customers/meter-replacement.service';
import { meterDate, meterIndex } from '@/services/customers/customer-input';
import { ContractInput, CustomerInput, MeterInput } from './customer.inputs';
import { ContractType, CustomerType, MeterType } from './customer.type';

const CorrectMeterReplacementInput = builder
  .inputType('CorrectMeterReplacementInput', {
    fields: (t) => ({
      customerId: t.int({ required: true }),
      meterId: t.int({ required: true, description: 'The outgoing (replaced) meter.' }),
      finalIndex: t.int({ required: true }),
      reason: t.string({ required: true }),
    }),
  })
  .validate(
    z.object({
      customerId: z.number().int().positive(),
      meterId: z.number().int().positive(),
      finalIndex: z.number().int().min(0, 'Chỉ số cuối không được âm.').max(999_999_999, 'Chỉ số cuối quá lớn.'),
      reason: z.string().trim().min(1, 'Phải nhập lý do sửa chỉ số cuối.').max(500, 'Lý do tối đa 500 ký tự.'),
    }),
  );

const customersRight = (right: 'add' | 'edit' | 'delete') => ({
  permission: { group: 'document' as const, object: 'customers', right },
});

builder.mutationFields((t) => ({
  createCustomer: t.field({
    type: CustomerType,
    args: {
      input: t.arg({ type: CustomerInput, required: true }),
      meter: t.arg({ type: MeterInput }),
      contract: t.arg({ type: ContractInput }),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.input.bookId, object: 'customers', right: 'add' } }),
    resolve: (_root, args, ctx) =>
      createCustomer(ctx.db, signedIn(ctx), {
        customer: args.input,
        meter: args.meter ?? null,
        contract: args.contract ?? null,
      }),
  }),
  updateCustomer: t.withAuth(customersRight('edit')).field({
    type: CustomerType,
    args: {
      id: t.arg.int({ required: true }),
      version: t.arg.int({ required: true, description: 'The version the form was loaded with.' }),
      input: t.arg({ type: CustomerInput, required: true }),
    },
    resolve: (_root, args, ctx) =>
      updateCustomer(ctx.db, ctx.actor, { id: args.id, version: args.version, customer: args.input }),
  }),
  deleteCustomer: t.withAuth(customersRight('delete')).boolean({
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await deleteCustomer(ctx.db, ctx.actor, args.id);
      return true;
    },
  }),
  moveCustomers: t.int({
    description: 'Moves customers to another book (appended at its end); returns how many moved.',
    args: {
      customerIds: t.arg.intList({ required: true, validate: z.array(z.number().int().positive()).min(1).max(5000) }),
      targetBookId: t.arg.int({ required: true }),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.targetBookId, object: 'customers', right: 'edit' } }),
    resolve: (_root, args, ctx) =>
      moveCustomers(ctx.db, signedIn(ctx), { customerIds: args.customerIds, targetBookId: args.targetBookId }),
  }),
  renumberBook: t.int({
    description: 'Renumbers a book in tens keeping the order; returns how many numbers changed.',
    args: { bookId: t.arg.int({ required: true }) },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'customers', right: 'edit' } }),
    resolve: (_root, args, ctx) => renumberBook(ctx.db, signedIn(ctx), args.bookId),
  }),
  placeCustomerAfter: t.withAuth(customersRight('edit')).int({
    description: 'Moves a customer right after another in its book (null: first); returns the new sequence number.',
    args: { customerId: t.arg.int({ required: true }), afterCustomerId: t.arg.int() },
    resolve: (_root, args, ctx) =>
      placeCustomerAfter(ctx.db, ctx.actor, {
        customerId: args.customerId,
        afterCustomerId: args.afterCustomerId ?? null,
      }),
  }),
  resignContract: t.withAuth(customersRight('edit')).field({
    type: ContractType,
    args: { customerId: t.arg.int({ required: true }), input: t.arg({ type: ContractInput, required: true }) },
    resolve: (_root, args, ctx) => resignContract(ctx.db, ctx.actor, args.customerId, args.input),
  }),
  updateContract: t.withAuth(customersRight('edit')).field({
    type: ContractType,
    args: { customerId: t.arg.int({ required: true }), input: t.arg({ type: ContractInput, required: true }) },
    resolve: (_root, args, ctx) => updateCurrentContract(ctx.db, ctx.actor, args.customerId, args.input),
  }),
  replaceMeter: t.withAuth(customersRight('edit')).field({
    type: MeterType,
    args: {
      customerId: t.arg.int({ required: true }),
      finalIndex: t.arg.int({ required: true, validate: meterIndex('Chỉ số cuối') }),
      removedOn: t.arg({ type: 'Date', required: true, validate: meterDate('Ngày tháo') }),
      meter: t.arg({ type: MeterInput, required: true }),
    },
    resolve: (_root, args, ctx) =>
      replaceMeter(ctx.db, ctx.actor, {
        customerId: args.customerId,
        finalIndex: args.finalIndex,
        removedOn: args.removedOn,
        meter: args.meter,
      }),
  }),
  correctMeterReplacement: t.withAuth(customersRight('edit')).field({
    type: MeterType,
    description:
      "Corrects the final index declared when a meter was replaced; the outgoing meter's reading of that period changes with it.",
    args: { input: t.arg({ type: CorrectMeterReplacementInput, required: true }) },
    resolve: (_root, args, ctx) => correctMeterReplacement(ctx.db, ctx.actor, args.input),
  }),
  updateMeter: t.withAuth(customersRight('edit')).field({
    type: MeterType,
    args: {
      customerId: t.arg.int({ required: true }),
      meterTypeId: t.arg.int(),
      sealNo: t.arg.string({ validate: z.string().max(32).nullish() }),
      verifiedOn: t.arg({ type: 'Date', validate: meterDate('Ngày kiểm định').nullish() }),
    },
    resolve: (_root, args, ctx) =>
      updateActiveMeter(ctx.db, ctx.actor, {
        customerId: args.customerId,
        meterTypeId: args.meterTypeId ?? null,
        sealNo: args.sealNo?.trim() || null,
        verifiedOn: args.verifiedOn ?? null,
      }),
  }),
  deleteAttachment: t.withAuth(customersRight('edit')).boolean({
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await deleteAttachment(ctx.db, ctx.actor, args.id);
      return true;
    },
  }),
}));
