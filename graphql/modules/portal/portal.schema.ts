// Entry point of the public portal area (imported by graphql/schema.ts): types first, then the fields using them.
import './portal.type';
import './portal.queries';
