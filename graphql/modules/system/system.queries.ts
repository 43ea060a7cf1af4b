import { builder } from '@/graphql/builder';

const Viewer = builder
  .objectRef<{ userId: number; login: string; fullName: string; isAdmin: boolean }>('Viewer')
  .implement({
    fields: (t) => ({
      userId: t.exposeInt('userId'),
      login: t.exposeString('login'),
      fullName: t.exposeString('fullName'),
      isAdmin: t.exposeBoolean('isAdmin'),
    }),
  });

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    nullable: true,
    authScopes: { public: true },
    description: 'The signed-in staff member, or null.',
    resolve: (_r, _a, ctx) => ctx.actor,
  }),
);
