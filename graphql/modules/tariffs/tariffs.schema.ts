// Entry point of the tariffs area (imported by graphql/schema.ts): types first, then the fields using them.
import './tariffs.type';
import './tariffs.queries';
import './tariffs.mutations';
