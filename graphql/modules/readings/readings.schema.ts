// Entry point of the readings area (imported by graphql/schema.ts): types first, then the fields using them.
import './readings.type';
import './readings.queries';
import './readings.mutations';
