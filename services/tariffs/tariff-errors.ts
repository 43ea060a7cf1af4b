import { ReadingError } from '@/domain/reading/errors';
import { TariffError } from '@/domain/tariff/errors';
import { AppError } from '@/services/errors';

/** Domain errors carry a stable code and a Vietnamese message: pass both through unchanged. */
function asAppError(error: unknown, field?: string): unknown {
  if (error instanceof TariffError || error instanceof ReadingError) {
    return new AppError(error.code, error.message, field ? { field } : {});
  }
  return error;
}

/** Runs `fn`, rethrowing domain errors as AppErrors. */
export function withDomainErrors<T>(fn: () => T, field?: string): T {
  try {
    return fn();
  } catch (e) {
    throw asAppError(e, field);
  }
}
