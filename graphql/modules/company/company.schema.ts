// Entry point of the company area (imported by graphql/schema.ts).
import './company.profile';
