/** Typed engine error: `code` is stable for programs, `message` is Vietnamese for users. */
export type TariffErrorCode =
  | 'NO_TARIFF_VERSION'
  | 'INVALID_TARIFF'
  | 'INVALID_CONSUMPTION'
  | 'INVALID_HOUSEHOLDS'
  | 'INVALID_PERSONS'
  | 'INVALID_SPLIT'
  | 'INVALID_PERIOD'
  | 'INVALID_WASTEWATER'
  | 'AMOUNT_OVERFLOW';

export class TariffError extends Error {
  override readonly name = 'TariffError';
  constructor(
    readonly code: TariffErrorCode,
    message: string,
  ) {
    super(message);
  }
}
