import { defineRelations } from 'drizzle-orm';
import * as schema from './schema/index';

export const relations = defineRelations(schema, (r) => ({
  branches: { routes: r.many.routes() },
  routes: {
    branch: r.one.branches({ from: r.routes.branchId, to: r.branches.id, optional: false }),
    books: r.many.readingBooks(),
  },
  readingBooks: {
    route: r.one.routes({ from: r.readingBooks.routeId, to: r.routes.id, optional: false }),
    customers: r.many.customers(),
  },
  masterMeters: { ward: r.one.wards({ from: r.masterMeters.wardId, to: r.wards.id }) },
  customers: {
    book: r.one.readingBooks({ from: r.customers.bookId, to: r.readingBooks.id, optional: false }),
    ward: r.one.wards({ from: r.customers.wardId, to: r.wards.id }),
    serviceType: r.one.serviceTypes({ from: r.customers.serviceTypeId, to: r.serviceTypes.id }),
    masterMeter: r.one.masterMeters({ from: r.customers.masterMeterId, to: r.masterMeters.id }),
    meters: r.many.meters(),
    contracts: r.many.contracts(),
    history: r.many.customerHistory(),
    attachments: r.many.attachments(),
    usageSplits: r.many.customerUsageSplits(),
  },
  customerUsageSplits: {
    customer: r.one.customers({ from: r.customerUsageSplits.customerId, to: r.customers.id, optional: false }),
    serviceType: r.one.serviceTypes({
      from: r.customerUsageSplits.serviceTypeId,
      to: r.serviceTypes.id,
      optional: false,
    }),
  },
  meters: {
    customer: r.one.customers({ from: r.meters.customerId, to: r.customers.id, optional: false }),
    meterType: r.one.meterTypes({ from: r.meters.meterTypeId, to: r.meterTypes.id }),
  },
  contracts: {
    customer: r.one.customers({ from: r.contracts.customerId, to: r.customers.id, optional: false }),
    installationTeam: r.one.installationTeams({ from: r.contracts.installationTeamId, to: r.installationTeams.id }),
  },
  customerHistory: {
    customer: r.one.customers({ from: r.customerHistory.customerId, to: r.customers.id, optional: false }),
    user: r.one.users({ from: r.customerHistory.userId, to: r.users.id }),
  },
  attachments: {
    customer: r.one.customers({ from: r.attachments.customerId, to: r.customers.id, optional: false }),
    uploader: r.one.users({ from: r.attachments.uploadedBy, to: r.users.id }),
  },
  users: {
    permissions: r.many.userPermissions(),
    books: r.many.userBooks(),
    routes: r.many.userRoutes(),
  },
  userPermissions: {
    user: r.one.users({ from: r.userPermissions.userId, to: r.users.id, optional: false }),
    branch: r.one.branches({ from: r.userPermissions.branchId, to: r.branches.id, optional: false }),
  },
  userBooks: {
    user: r.one.users({ from: r.userBooks.userId, to: r.users.id, optional: false }),
    book: r.one.readingBooks({ from: r.userBooks.bookId, to: r.readingBooks.id, optional: false }),
  },
  userRoutes: {
    user: r.one.users({ from: r.userRoutes.userId, to: r.users.id, optional: false }),
    route: r.one.routes({ from: r.userRoutes.routeId, to: r.routes.id, optional: false }),
  },
  serviceTypes: { tariffVersions: r.many.tariffVersions() },
  tariffVersions: {
    serviceType: r.one.serviceTypes({ from: r.tariffVersions.serviceTypeId, to: r.serviceTypes.id, optional: false }),
    tiers: r.many.tariffTiers(),
  },
  tariffTiers: {
    version: r.one.tariffVersions({ from: r.tariffTiers.versionId, to: r.tariffVersions.id, optional: false }),
  },
  readings: {
    customer: r.one.customers({ from: r.readings.customerId, to: r.customers.id, optional: false }),
    meter: r.one.meters({ from: r.readings.meterId, to: r.meters.id, optional: false }),
  },
  invoices: {
    customer: r.one.customers({ from: r.invoices.customerId, to: r.customers.id, optional: false }),
    lines: r.many.invoiceLines(),
  },
  invoiceLines: { invoice: r.one.invoices({ from: r.invoiceLines.invoiceId, to: r.invoices.id, optional: false }) },
  billingRuns: { skips: r.many.billingRunSkips() },
  billingRunSkips: { run: r.one.billingRuns({ from: r.billingRunSkips.runId, to: r.billingRuns.id, optional: false }) },
  workOrders: {
    customer: r.one.customers({ from: r.workOrders.customerId, to: r.customers.id }),
    branch: r.one.branches({ from: r.workOrders.branchId, to: r.branches.id, optional: false }),
    book: r.one.readingBooks({ from: r.workOrders.bookId, to: r.readingBooks.id }),
    ward: r.one.wards({ from: r.workOrders.wardId, to: r.wards.id }),
    serviceType: r.one.serviceTypes({ from: r.workOrders.serviceTypeId, to: r.serviceTypes.id }),
    complaintKind: r.one.complaintKinds({ from: r.workOrders.complaintKindId, to: r.complaintKinds.id }),
    team: r.one.installationTeams({ from: r.workOrders.teamId, to: r.installationTeams.id }),
    events: r.many.workOrderEvents(),
    documents: r.many.workOrderDocuments(),
  },
  workOrderEvents: {
    workOrder: r.one.workOrders({ from: r.workOrderEvents.workOrderId, to: r.workOrders.id, optional: false }),
  },
  workOrderDocuments: {
    workOrder: r.one.workOrders({ from: r.workOrderDocuments.workOrderId, to: r.workOrders.id, optional: false }),
  },
}));
