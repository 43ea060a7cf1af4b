/**
 * The outgoing meter of a replacement: its final index is declared with the replacement and recorded in the
 * meter history, so that index IS the meter's reading for the period it was removed in. Any other value
 * would bill a consumption the history contradicts.
 */
import { periodBounds } from './period';

export interface ReplacedMeter {
  finalIndex: number | null;
  /** 'YYYY-MM-DD'; null while the meter is in service. */
  removedOn: string | null;
}

/**
 * The only current index the meter's row of `period` accepts, or null when the row is read as usual (the
 * meter is in service, or was removed in another period: earlier periods keep their own readings).
 */
export function fixedCurrentIndex(meter: ReplacedMeter, period: string): number | null {
  if (meter.finalIndex === null || meter.removedOn === null) return null;
  const { start, end } = periodBounds(period);
  return meter.removedOn >= start && meter.removedOn <= end ? meter.finalIndex : null;
}
