/** Typed error for reading and period helpers: `code` is stable, `message` is for users. */
export type ReadingErrorCode =
  'INVALID_PERIOD' | 'INVALID_DATE' | 'INVALID_INDEX' | 'INVALID_HISTORY' | 'INVALID_FACTOR' | 'INVALID_QUANTITY';

export class ReadingError extends Error {
  override readonly name = 'ReadingError';
  constructor(
    readonly code: ReadingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
