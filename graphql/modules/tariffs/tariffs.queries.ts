import { builder } from '@/graphql/builder';
import { estimateBill } from '@/services/tariffs/estimate.service';
import { getTariffVersion, listTariffCatalog } from '@/services/tariffs/tariff-catalog.service';
import { BillEstimateType, EstimateBillInput, TariffServiceTypeType, TariffVersionType } from './tariffs.type';

const catalogAccess = { permission: { group: 'catalog' as const, object: 'serviceTypes', right: 'access' as const } };

builder.queryFields((t) => ({
  tariffServiceTypes: t.withAuth(catalogAccess).field({
    type: [TariffServiceTypeType],
    description: 'Service types with their tariff versions and tiers (the tariff catalog screen).',
    resolve: (_root, _args, ctx) => listTariffCatalog(ctx.db, ctx.actor),
  }),
  tariffVersion: t.withAuth(catalogAccess).field({
    type: TariffVersionType,
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => getTariffVersion(ctx.db, ctx.actor, args.id),
  }),
  estimateBill: t.field({
    type: BillEstimateType,
    description: 'Public bill calculator: the bill of a consumption under the tariff of a period (default: current).',
    authScopes: { public: true },
    args: { input: t.arg({ type: EstimateBillInput, required: true }) },
    resolve: (_root, args, ctx) => estimateBill(ctx.db, args.input),
  }),
}));
