import { builder } from '@/graphql/builder';
import {
  addTariffTier,
  createTariffVersion,
  deleteTariffTier,
  deleteTariffVersion,
  updateTariffTier,
  updateTariffVersion,
} from '@/services/tariffs/tariff-catalog.service';
import { TariffTierInput, TariffVersionInput, TariffVersionType, TariffVersionUpdateInput } from './tariffs.type';

const catalogRight = (right: 'add' | 'edit' | 'delete') => ({
  permission: { group: 'catalog' as const, object: 'serviceTypes', right },
});

builder.mutationFields((t) => ({
  createTariffVersion: t.withAuth(catalogRight('add')).field({
    type: TariffVersionType,
    args: { input: t.arg({ type: TariffVersionInput, required: true }) },
    resolve: (_root, args, ctx) => createTariffVersion(ctx.db, ctx.actor, args.input),
  }),
  updateTariffVersion: t.withAuth(catalogRight('edit')).field({
    type: TariffVersionType,
    args: { id: t.arg.int({ required: true }), input: t.arg({ type: TariffVersionUpdateInput, required: true }) },
    resolve: (_root, args, ctx) => updateTariffVersion(ctx.db, ctx.actor, args.id, args.input),
  }),
  deleteTariffVersion: t.withAuth(catalogRight('delete')).boolean({
    description: 'Refused (IN_USE) once invoice lines use the version.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => deleteTariffVersion(ctx.db, ctx.actor, args.id),
  }),
  addTariffTier: t.withAuth(catalogRight('add')).field({
    type: TariffVersionType,
    description: 'Ctrl+F4 on the tier grid: adds a tier; tiers are kept in limit order.',
    args: { versionId: t.arg.int({ required: true }), input: t.arg({ type: TariffTierInput, required: true }) },
    resolve: (_root, args, ctx) => addTariffTier(ctx.db, ctx.actor, args.versionId, args.input),
  }),
  updateTariffTier: t.withAuth(catalogRight('edit')).field({
    type: TariffVersionType,
    description: 'Ctrl+F2 on the tier grid.',
    args: { id: t.arg.int({ required: true }), input: t.arg({ type: TariffTierInput, required: true }) },
    resolve: (_root, args, ctx) => updateTariffTier(ctx.db, ctx.actor, args.id, args.input),
  }),
  deleteTariffTier: t.withAuth(catalogRight('delete')).field({
    type: TariffVersionType,
    description:
      'Ctrl+F3 on the tier grid; refused when the version would be left invalid (e.g. without its unlimited last tier).',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => deleteTariffTier(ctx.db, ctx.actor, args.id),
  }),
}));
