import { builder } from '@/graphql/builder';
import { signedIn } from '@/graphql/signed-in';
import { resumeBillingRun, startBillingRun } from '@/jobs/billing-runs';
import { BillingRunType, StartBillingRunInput } from './billing.type';

// The services check the right on every book of the scope; the resolvers require it on some branch.
const billingRight = (right: 'add' | 'edit') => ({
  permission: { group: 'document' as const, object: 'billing', right },
});

builder.mutationFields((t) => ({
  startBillingRun: t.field({
    type: BillingRunType,
    description:
      'Bills a period for some books, the whole company or one customer. Returns at once with the queued run (poll billingRun); a one-customer recalculation returns finished. Refused for an explicitly locked period.',
    args: { input: t.arg({ type: StartBillingRunInput, required: true }) },
    authScopes: (_root, args) => billingRight(args.input.scope.kind === 'customer' ? 'edit' : 'add'),
    resolve: (_root, args, ctx) =>
      startBillingRun(ctx.db, signedIn(ctx), { period: args.input.period, scope: args.input.scope }),
  }),
  resumeBillingRun: t.withAuth(billingRight('add')).field({
    type: BillingRunType,
    description: 'Continues a failed or interrupted run after its last written chunk.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => resumeBillingRun(ctx.db, ctx.actor, args.id),
  }),
}));
