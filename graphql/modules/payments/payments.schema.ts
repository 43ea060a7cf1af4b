// Entry point of the payments area (imported by graphql/schema.ts): one file per way money comes in, and the reports.
import './payments.counter';
import './payments.bank';
import './payments.collectors';
import './payments.partners';
import './payments.reconciliation';
import './payments.reports';
