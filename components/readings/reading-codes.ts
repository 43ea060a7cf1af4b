import {
  CODES_REQUIRING_ESTIMATE,
  READING_CODES,
  READING_CODE_LABELS,
  type ReadingCode,
} from '@/domain/reading/anomaly';

/** A reading code as the entry grid and the declarations offer it (from the domain, not fetched: it never varies). */
export interface ReadingCodeInfo {
  code: ReadingCode;
  label: string;
  requiresEstimate: boolean;
}

export const CODES: readonly ReadingCodeInfo[] = READING_CODES.map((code) => ({
  code,
  label: READING_CODE_LABELS[code],
  requiresEstimate: CODES_REQUIRING_ESTIMATE.includes(code),
}));
