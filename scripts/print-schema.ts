// Writes the printed GraphQL schema to schema.graphql (committed; a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { printedSchema } from '@/graphql/print';

writeFileSync('schema.graphql', printedSchema());
console.log('schema.graphql written');
