'use client';

import { get, type FieldErrors, type FieldValues, type Path, type UseFormRegister } from 'react-hook-form';
import type { CustomerDetail } from './customer-documents';
import type { Catalogs } from './use-customer-data';

/** What the detail panel hands the meters and contracts tabs. */
export interface CustomerTabProps {
  customer: CustomerDetail;
  catalogs: Catalogs | null;
  canEdit: boolean;
  onChanged: () => void;
}

/** Options of a catalog select: "code – name", valued by id. */
export function catalogOptions(items: readonly { id: number; code: string; name: string }[] | undefined) {
  return (items ?? []).map((i) => ({ value: String(i.id), label: `${i.code} – ${i.name}` }));
}

/**
 * Binds a field of a react-hook-form form to a TextField/SelectField that keeps its own `name` (the DOM name
 * may be the API's path, e.g. "meter.serial"): the value binding, the ref through which the first wrong field
 * gets the cursor, and the field's error.
 */
export function fieldBinder<V extends FieldValues>(register: UseFormRegister<V>, errors: FieldErrors<V>) {
  return (name: Path<V>) => {
    const { name: _same, ...binding } = register(name);
    const error: unknown = (get(errors, name) as { message?: unknown } | undefined)?.message;
    return { ...binding, error: typeof error === 'string' ? error : undefined };
  };
}
