// Entry point of the invoices area (imported by graphql/schema.ts): types first, then the fields using them.
import './invoices.type';
import './invoices.queries';
import './invoices.mutations';
import './invoices.jobs';
import './invoices.print';
