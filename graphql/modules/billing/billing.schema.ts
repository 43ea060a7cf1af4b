// Entry point of the billing area (imported by graphql/schema.ts): types first, then the fields using them.
import './billing.type';
import './billing.queries';
import './billing.mutations';
