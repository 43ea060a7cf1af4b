// The table list for drizzle-kit and for `defineRelations`; application code imports the area files directly.
export * from './org';
export * from './catalogs';
export * from './users';
export * from './customers';
export * from './tariffs';
export * from './readings';
export * from './billing';
export * from './payments';
export * from './limits';
export * from './portal';
export * from './work-orders';
export * from './notices';
