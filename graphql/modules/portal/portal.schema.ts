// Entry point of the public portal area (imported by graphql/schema.ts): types first, then the fields using them.
import './portal.type';
import './portal.queries';
import './portal-account.type';
import './portal-account.queries';
import './portal-account.mutations';
import './portal-requests.type';
import './portal-requests.fields';
