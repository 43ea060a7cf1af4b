import type { z } from 'zod';
import { AppError } from '@/services/errors';

/** Parses with a shared schema; the first issue becomes the VALIDATION_FAILED message, its path the field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new AppError('VALIDATION_FAILED', first?.message ?? 'Dữ liệu không hợp lệ.', {
    field: first?.path.join('.') || undefined,
  });
}
