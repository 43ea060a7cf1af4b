import { foldVietnamese } from '@/domain/text/normalize';

/**
 * Service types (tariffs) are named after the province whose price list they carry ("Hà Nội – Sinh hoạt hộ gia
 * đình", "TP. Hồ Chí Minh – Sinh hoạt dân cư"), and the catalog holds several provinces' lists side by side.
 * Nothing records which province the company serves: the companies table has no province, and the branches'
 * addresses are free text. The wards it serves do (wards.province), so the company's region is the province
 * most of its wards are in.
 */
export function regionOfWards(wards: readonly { province: string }[]): string | null {
  const counts = new Map<string, number>();
  for (const w of wards) counts.set(w.province, (counts.get(w.province) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [province, n] of counts) {
    if (n > bestCount) {
      best = province;
      bestCount = n;
    }
  }
  return best;
}

/** "Thành phố Hà Nội", "TP. Hà Nội", "Hà Nội" → "ha noi". */
function regionKey(s: string): string {
  return foldVietnamese(s)
    .replace(/^(thanh pho|tp\.?|tinh)\s+/, '')
    .trim();
}

/** The province a service type's name starts with ("Hà Nội – …"), folded; null for a name without one. */
function namePrefix(name: string): string | null {
  const m = /^(.+?)\s+[–-]\s+/.exec(name);
  return m ? regionKey(m[1]!) : null;
}

/**
 * The company's own province first, then the types that name no province, then the other provinces' price
 * lists; the catalog order is kept within each group. A clerk in Hanoi is not offered HCMC tariffs at the top.
 */
export function orderServiceTypes<T extends { name: string }>(types: readonly T[], region: string | null): T[] {
  if (!region) return [...types];
  const own = regionKey(region);
  const rank = (t: T) => {
    const prefix = namePrefix(t.name);
    if (prefix === own || regionKey(t.name).startsWith(`${own} `)) return 0;
    return prefix === null ? 1 : 2;
  };
  return types
    .map((t, i) => ({ t, i, r: rank(t) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.t);
}

/** "Hà Nội – Sinh hoạt hộ gia đình" → "Sinh hoạt hộ gia đình": the grid shows the code beside it, which already says the province. */
export function withoutRegion(name: string): string {
  const m = /^(.+?)\s+[–-]\s+(.+)$/.exec(name);
  return m ? m[2]! : name;
}
