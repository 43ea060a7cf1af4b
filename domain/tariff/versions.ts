/**
 * Which tariff versions are in force, and for how many days, inside a
 * billing period. A version is in force from its effectiveFrom until the day
 * before the next version of the same service type.
 */
import { addDays, compareDates, daysInclusive } from '../reading/period';
import { TariffError } from './errors';
import type { TariffVersion } from './types';
import { validateTariffVersion } from './validate';

export interface VersionSegment {
  version: TariffVersion;
  from: string;
  to: string;
  days: number;
}

/**
 * Validated versions of a service type, oldest first. Sorting here makes the
 * result independent of the order the caller listed them in; two versions on
 * the same day would make that order matter, so they are refused.
 */
export function sortedVersions(versionsByServiceType: Record<string, TariffVersion[]>, code: string): TariffVersion[] {
  const versions = Object.hasOwn(versionsByServiceType, code) ? versionsByServiceType[code] : undefined;
  if (!versions || versions.length === 0) {
    throw new TariffError('NO_TARIFF_VERSION', `Chưa có bảng giá cho loại dịch vụ ${code}`);
  }
  versions.forEach((v) => validateTariffVersion(v, code));
  const sorted = [...versions].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && prev.effectiveFrom === cur.effectiveFrom) {
      throw new TariffError(
        'INVALID_TARIFF',
        `Loại dịch vụ ${code} có hai bảng giá cùng hiệu lực từ ${cur.effectiveFrom}`,
      );
    }
  }
  return sorted;
}

/** The version in force on `date`, if any. */
export function versionInForce(sorted: readonly TariffVersion[], date: string): TariffVersion | undefined {
  let found: TariffVersion | undefined;
  for (const v of sorted) {
    if (compareDates(v.effectiveFrom, date) <= 0) found = v;
  }
  return found;
}

/** Versions overlapping [start, end] with their day counts, oldest first; the first day must be covered. */
export function segmentsInPeriod(sorted: readonly TariffVersion[], start: string, end: string): VersionSegment[] {
  const segments: VersionSegment[] = [];
  sorted.forEach((version, i) => {
    const next = sorted[i + 1];
    const from = compareDates(version.effectiveFrom, start) > 0 ? version.effectiveFrom : start;
    const lastDay = next ? addDays(next.effectiveFrom, -1) : end;
    const to = compareDates(lastDay, end) < 0 ? lastDay : end;
    if (compareDates(from, to) <= 0) segments.push({ version, from, to, days: daysInclusive(from, to) });
  });
  const first = segments[0];
  if (!first || first.from !== start) {
    const code = sorted[0]?.serviceTypeCode ?? '';
    throw new TariffError(
      'NO_TARIFF_VERSION',
      `Không có bảng giá của loại dịch vụ ${code} có hiệu lực vào ngày ${start}`,
    );
  }
  return segments;
}
