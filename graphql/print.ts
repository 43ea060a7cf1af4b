import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema';

/** The schema as SDL, sorted so the committed file changes only when the API does. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
