/**
 * The stored value of a column typed wider (text, smallint) than the enum it is published as. No check here:
 * graphql-js refuses to serialize a value outside the enum, so a row the database let through fails its field
 * loudly instead of reaching the client as an unknown string.
 */
export const storedAs = <T>(_enumRef: { $inferType: T }, value: unknown): T => value as T;
