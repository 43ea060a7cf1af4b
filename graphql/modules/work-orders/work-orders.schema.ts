// Entry point of the work-orders area (imported by graphql/schema.ts).
import './work-orders.type';
import './work-orders.queries';
import './work-orders.mutations';
