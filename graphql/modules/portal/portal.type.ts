import { builder } from '@/graphql/builder';
import type { PortalCompany, PortalServiceType } from '@/services/portal/portal-company.service';
import type { PortalBills, PortalConsumption, PortalInvoice } from '@/services/portal/portal-lookup.service';

// Portal types are their own, not Customer or Invoice: an anonymous visitor's answer can reach no staff field, and
// nothing here names a customer id, a book or a staff member.

export const PortalInvoiceType = builder.objectRef<PortalInvoice>('PortalInvoice').implement({
  description: 'An open invoice as the portal shows it to a visitor who proved the customer code.',
  fields: (t) => ({
    period: t.expose('period', { type: 'Period' }),
    series: t.exposeString('series', { description: 'Template and invoice symbol, e.g. "1C26TAA".' }),
    number: t.exposeInt('number', { description: 'Printed with 8 digits.' }),
    issuedOn: t.expose('issuedOn', { type: 'Date' }),
    total: t.expose('total', { type: 'Money' }),
    amountDue: t.expose('amountDue', { type: 'Money', description: 'What is still to pay (payments subtracted).' }),
    vietQr: t.exposeString('vietQr', {
      description: 'VietQR (EMVCo) payload of the amount due; empty when the company has no receiving account set.',
    }),
    pdfUrl: t.exposeString('pdfUrl', {
      description: 'The invoice PDF; the link works until PortalBills.linksExpireAt.',
    }),
    xmlUrl: t.exposeString('xmlUrl', { description: 'The signed e-invoice XML; same lifetime as pdfUrl.' }),
  }),
});

const PortalConsumptionType = builder.objectRef<PortalConsumption>('PortalConsumption').implement({
  fields: (t) => ({
    period: t.expose('period', { type: 'Period' }),
    m3: t.exposeInt('m3', { nullable: true, description: 'm³ read in the period; null when nothing was read.' }),
  }),
});

export const PortalBillsType = builder.objectRef<PortalBills>('PortalBills').implement({
  description: 'The answer to a right proof of a customer code: open bills, amounts and 12 months of consumption.',
  fields: (t) => ({
    customerName: t.exposeString('customerName'),
    maskedAddress: t.exposeString('maskedAddress', {
      description: 'The address with the numbers of its first part (house, alley) masked.',
    }),
    invoices: t.field({ type: [PortalInvoiceType], resolve: (b) => b.invoices }),
    totalDue: t.expose('totalDue', { type: 'Money' }),
    consumption: t.field({
      type: [PortalConsumptionType],
      description: '12 consecutive periods, oldest first, ending at the latest reading.',
      resolve: (b) => b.consumption,
    }),
    linksExpireAt: t.expose('linksExpireAt', { type: 'DateTime' }),
  }),
});

export const PortalCompanyType = builder.objectRef<PortalCompany>('PortalCompany').implement({
  description: 'The company as the public portal presents it (page titles, contacts).',
  fields: (t) => ({
    name: t.exposeString('name'),
    address: t.exposeString('address', { nullable: true }),
    hotline: t.exposeString('hotline', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    taxCode: t.exposeString('taxCode', { nullable: true }),
    officeHours: t.exposeString('officeHours', {
      nullable: true,
      description: 'Office hours as the company wrote them, one line per group of days (newline-separated).',
    }),
  }),
});

export const PortalServiceTypeType = builder.objectRef<PortalServiceType>('PortalServiceType').implement({
  description: 'A service type the portal calculator can price (one with a tariff in effect).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    basis: t.exposeString('basis', {
      description: 'household | person | flat: whether the tiers count households, persons or neither.',
    }),
  }),
});
