// Entry point of the users and permissions area (imported by graphql/schema.ts).
import './users.type';
import './users.queries';
import './users.mutations';
