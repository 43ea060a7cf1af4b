'use client';

import { useState, type ChangeEvent } from 'react';
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

/** The text values of a dialog's fields and their errors; `bind(k)` wires one TextField/SelectField. */
export function useFormFields<T extends Record<string, string>>(initial: T) {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bind = (k: keyof T & string) => ({
    value: v[k],
    error: errors[k],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV((p) => ({ ...p, [k]: e.target.value })),
  });
  return { v, errors, setErrors, bind };
}
