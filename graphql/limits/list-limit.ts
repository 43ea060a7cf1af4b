import { z } from 'zod';

/**
 * A list field's page size: the default when the caller sends none and the maximum it may ask for.
 * Kept on the field's `extensions.listLimit` so the cost rule prices the field by the rows it can return;
 * `arg` is the path of the argument holding the limit (`limit`, or `filter.limit` for catalog pages).
 */
export interface ListLimitSpec {
  default: number;
  max: number;
  arg?: string;
}

/** The zod check of a `limit` argument: a limit over the maximum is refused with VALIDATION_FAILED, never cut silently. */
function limitSchema(spec: ListLimitSpec) {
  const message = `Số dòng mỗi lần phải từ 1 đến ${spec.max}.`;
  return z.number().int(message).min(1, message).max(spec.max, message).nullish();
}

/** Field options of a list field with a `limit` argument: its validation, its description and its cost metadata. */
export function listLimit(spec: ListLimitSpec) {
  return {
    spec,
    arg: { validate: limitSchema(spec), description: `Rows to return: default ${spec.default}, at most ${spec.max}.` },
    extensions: { listLimit: spec },
  };
}
