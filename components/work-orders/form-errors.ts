import type { FieldValues, Path, UseFormReturn, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '@/lib/graphql/errors';

/**
 * Puts the API's refusal beside the field it names (AppError's `field`, or the first issue's path, with the
 * mutation's input prefix dropped); anything else goes to the form's root line.
 */
export function showApiError<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: ApiError,
  fields: readonly string[],
): void {
  const raw = error.field ?? error.issues?.[0]?.path ?? '';
  const path = raw.replace(/^(input|meter)\./, (m) => (fields.some((f) => f.startsWith(m)) ? m : ''));
  const hit = fields.find((f) => f === path || f === raw);
  if (hit) setError(hit as Path<T>, { message: error.message });
  else setError('root' as Path<T>, { message: error.message });
}

/**
 * The submit of a form that saves through the API: validates, saves, and shows a refusal with showApiError
 * (`fields` are the paths it may land on).
 */
export function saveAndShowErrors<I extends FieldValues, O>(
  form: Pick<UseFormReturn<I, unknown, O>, 'handleSubmit' | 'setError'>,
  save: (values: O) => Promise<ApiError | null>,
  fields: readonly string[],
): () => void {
  return () =>
    void form.handleSubmit(async (values) => {
      const failed = await save(values);
      if (failed) showApiError(form.setError, failed, fields);
    })();
}

/** The red line of a form-wide error. */
export const ROOT_ERROR_CLASS = 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-700';
