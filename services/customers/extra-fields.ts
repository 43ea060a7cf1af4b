import type { DbOrTx } from '@/db/client';
import { customFieldDefs } from '@/db/schema/catalogs';
import { AppError } from '@/services/errors';

/** Checks `customers.extra` against the fields the company defined: no unknown keys, required present, kinds right. */
export async function validateExtraFields(
  db: DbOrTx,
  extra: Record<string, string | number | null>,
): Promise<Record<string, string | number | null>> {
  const defs = await db.select().from(customFieldDefs);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(extra)) {
    const def = byKey.get(key);
    if (!def)
      throw new AppError('UNKNOWN_EXTRA_FIELD', `Trường thông tin thêm "${key}" chưa được khai báo.`, {
        field: `extra.${key}`,
      });
    if (value === null || value === '') continue;
    if (def.kind === 'number' && (typeof value !== 'number' || !Number.isFinite(value)))
      throw new AppError('INVALID_EXTRA_FIELD', `${def.label} phải là số.`, { field: `extra.${key}` });
    if (def.kind === 'date' && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
      throw new AppError('INVALID_EXTRA_FIELD', `${def.label} phải là ngày (YYYY-MM-DD).`, { field: `extra.${key}` });
    out[key] = value;
  }
  for (const def of defs) {
    if (def.isRequired && (out[def.key] === undefined || out[def.key] === null)) {
      throw new AppError('EXTRA_FIELD_REQUIRED', `Chưa nhập ${def.label}.`, { field: `extra.${def.key}` });
    }
  }
  return out;
}
