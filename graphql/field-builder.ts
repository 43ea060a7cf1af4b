import type { builder } from './builder';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * The `t` of an object type's `fields` callback, for a helper that declares fields shared by two types (a summary
 * and its detail): typed, so a renamed property or a wrong scalar still fails the type check inside the helper.
 */
export type FieldBuilder<Shape> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Shape>;

/** The `t` of an input type's `fields` callback, for fields shared by a create and an update input. */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;
