// Entry point of the catalogs area (imported by graphql/schema.ts): types first, then the fields using them.
import './catalogs.type';
import './catalogs.queries';
import './catalogs.mutations';
