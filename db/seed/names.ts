/**
 * Deterministic generators of realistic Vietnamese customer data for demo and benchmark databases.
 * Every value comes from a seeded PRNG, so the same seed gives the same data on every machine.
 * All Vietnamese text is NFC (precomposed), as typed by staff on a Vietnamese keyboard.
 */
import { foldVietnamese } from '@/domain/text/normalize';

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for test data, not for anything secret. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes several integers into one 32-bit seed (so a batch or a customer can have its own stream). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h >>> 0;
}

type Weighted<T> = readonly (readonly [T, number])[];

/** Family names with rough frequencies in northern Vietnam (Nguyễn alone is about a third). */
const FAMILY_NAMES: Weighted<string> = [
  ['Nguyễn', 340],
  ['Trần', 110],
  ['Lê', 95],
  ['Phạm', 70],
  ['Hoàng', 45],
  ['Huỳnh', 8],
  ['Phan', 35],
  ['Vũ', 40],
  ['Võ', 8],
  ['Đặng', 21],
  ['Bùi', 20],
  ['Đỗ', 18],
  ['Hồ', 10],
  ['Ngô', 13],
  ['Dương', 10],
  ['Lý', 5],
  ['Đinh', 10],
  ['Đào', 9],
  ['Trịnh', 8],
  ['Mai', 5],
  ['Tạ', 4],
  ['Lương', 5],
  ['Cao', 4],
  ['Lâm', 3],
  ['Chu', 3],
  ['Kiều', 2],
  ['Trương', 6],
  ['Tô', 3],
  ['Hà', 5],
  ['Đoàn', 6],
  ['Vương', 2],
  ['Quách', 2],
  ['Nghiêm', 2],
  ['Khúc', 1],
];

const MALE_MIDDLE: Weighted<string> = [
  ['Văn', 30],
  ['Đức', 12],
  ['Minh', 12],
  ['Quang', 8],
  ['Hữu', 7],
  ['Công', 5],
  ['Thành', 5],
  ['Xuân', 5],
  ['Tuấn', 4],
  ['Hoàng', 4],
  ['Đình', 6],
  ['Ngọc', 4],
  ['Mạnh', 3],
  ['Trọng', 3],
  ['Việt', 3],
  ['Anh', 3],
  ['Hải', 2],
  ['Bá', 2],
];

const FEMALE_MIDDLE: Weighted<string> = [
  ['Thị', 40],
  ['Ngọc', 8],
  ['Thu', 6],
  ['Thanh', 6],
  ['Minh', 4],
  ['Phương', 4],
  ['Thùy', 4],
  ['Kim', 3],
  ['Hồng', 4],
  ['Bích', 2],
  ['Diệu', 2],
  ['Khánh', 2],
  ['Hải', 2],
  ['Mai', 2],
  ['Lan', 2],
];

const MALE_GIVEN = [
  'An',
  'Anh',
  'Bình',
  'Cường',
  'Chiến',
  'Dũng',
  'Duy',
  'Đạt',
  'Đức',
  'Giang',
  'Hải',
  'Hào',
  'Hiếu',
  'Hoàng',
  'Hùng',
  'Hưng',
  'Huy',
  'Khánh',
  'Khoa',
  'Kiên',
  'Lâm',
  'Linh',
  'Lộc',
  'Long',
  'Mạnh',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quân',
  'Quang',
  'Quý',
  'Sơn',
  'Tâm',
  'Thắng',
  'Thành',
  'Thịnh',
  'Toàn',
  'Trọng',
  'Trung',
  'Tú',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
  'Vũ',
  'Thái',
  'Hiệp',
  'Công',
] as const;

const FEMALE_GIVEN = [
  'An',
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hồng',
  'Hương',
  'Huyền',
  'Lan',
  'Liên',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Ngọc',
  'Nhàn',
  'Nhung',
  'Oanh',
  'Phương',
  'Quỳnh',
  'Tâm',
  'Thảo',
  'Thơ',
  'Thu',
  'Thủy',
  'Trang',
  'Trinh',
  'Tuyết',
  'Vân',
  'Yến',
  'Hậu',
  'Duyên',
  'Thúy',
  'Hòa',
  'Lụa',
] as const;

/** Streets used when the caller gives none (a mix found in most Vietnamese cities). */
export const COMMON_STREETS = [
  'Nguyễn Trãi',
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Lý Thường Kiệt',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lê Duẩn',
  'Nguyễn Du',
  'Phan Chu Trinh',
  'Bà Triệu',
  'Hùng Vương',
  'Điện Biên Phủ',
  'Nguyễn Văn Cừ',
  'Lạc Long Quân',
  'Trần Phú',
  'Lê Thánh Tông',
  'Nguyễn Chí Thanh',
  'Tôn Đức Thắng',
  'Võ Thị Sáu',
  'Phạm Văn Đồng',
  'Trường Chinh',
  'Giải Phóng',
  'Minh Khai',
  'Bạch Mai',
  'Lò Đúc',
  'Hoàng Quốc Việt',
  'Xuân Thủy',
  'Cầu Giấy',
  'Nguyễn Khánh Toàn',
  'Đội Cấn',
  'Kim Mã',
  'Láng Hạ',
  'Tây Sơn',
  'Thái Hà',
  'Chùa Bộc',
  'Khâm Thiên',
] as const;

const COMPANY_KINDS: Weighted<string> = [
  ['Công ty TNHH', 50],
  ['Công ty Cổ phần', 30],
  ['Công ty TNHH MTV', 10],
  ['Doanh nghiệp tư nhân', 5],
  ['Hợp tác xã', 2],
];

const COMPANY_TRADES = [
  'Thương mại',
  'Dịch vụ',
  'Xây dựng',
  'Thương mại và Dịch vụ',
  'Đầu tư',
  'Sản xuất',
  'Vận tải',
  'Du lịch',
  'Thực phẩm',
  'In ấn',
  'Cơ khí',
  'Kỹ thuật',
  'Giải pháp công nghệ',
  'Nội thất',
  'Dược phẩm',
] as const;

const COMPANY_NAMES = [
  'Hoàng Long',
  'Minh Phát',
  'Thành Đạt',
  'An Khang',
  'Phú Gia',
  'Hưng Thịnh',
  'Việt Tiến',
  'Sao Mai',
  'Bình Minh',
  'Đại Dương',
  'Thăng Long',
  'Hồng Hà',
  'Tân Phát',
  'Phúc An',
  'Trường Sơn',
  'Hà Thành',
  'Kim Ngân',
  'Nam Việt',
  'Đông Á',
  'Phương Đông',
  'Vạn Xuân',
  'Hòa Bình',
  'Ánh Dương',
  'Thiên Phú',
] as const;

const SCHOOL_NAMES = [
  'Kim Đồng',
  'Lê Quý Đôn',
  'Chu Văn An',
  'Nguyễn Du',
  'Trưng Vương',
  'Giảng Võ',
  'Thăng Long',
  'Ba Đình',
  'Đoàn Thị Điểm',
  'Nguyễn Trường Tộ',
  'Tô Hoàng',
  'Bế Văn Đàn',
  'Hoa Sen',
  'Sơn Ca',
  'Họa Mi',
  'Ngôi Sao',
] as const;

const SHOP_KINDS = [
  'Nhà hàng',
  'Khách sạn',
  'Nhà nghỉ',
  'Quán cà phê',
  'Cửa hàng tiện lợi',
  'Tiệm giặt là',
  'Nhà thuốc',
  'Cơ sở rửa xe',
  'Tiệm bánh',
  'Phòng khám Đa khoa',
] as const;

/** Mobile prefixes in use (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile). */
const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '086',
  '096',
  '097',
  '098', // Viettel
  '081',
  '082',
  '083',
  '084',
  '085',
  '088',
  '091',
  '094', // VinaPhone
  '070',
  '076',
  '077',
  '078',
  '079',
  '089',
  '090',
  '093', // MobiFone
  '052',
  '056',
  '058',
  '092', // Vietnamobile
  '059',
  '099', // Gmobile
] as const;

const EMAIL_DOMAINS: Weighted<string> = [
  ['gmail.com', 70],
  ['yahoo.com', 10],
  ['outlook.com', 8],
  ['hotmail.com', 5],
  ['fpt.vn', 4],
  ['vnn.vn', 3],
];

export type Gender = 'male' | 'female';

export interface PersonName {
  name: string;
  gender: Gender;
}

export interface OrganisationName {
  name: string;
  /** What the organisation does, to choose a service type: hcsn (public body), production, business. */
  category: 'hcsn' | 'production' | 'business';
}

export interface AddressParts {
  /** The place the street is in: "phường Kim Mã, quận Ba Đình, Hà Nội". */
  locality: string;
  streets?: readonly string[] | undefined;
  /** Rural commune: villages (thôn/xóm) instead of house numbers on streets. */
  rural?: boolean | undefined;
}

/** A seeded source of Vietnamese test data. */
export class VietnameseFaker {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.random() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.random() * 10));
    return s;
  }

  /** "Nguyễn Văn An", "Trần Thị Thu Hà": family + middle (+ a second middle for some women) + given. */
  personName(gender?: Gender): PersonName {
    const g: Gender = gender ?? (this.chance(0.5) ? 'male' : 'female');
    const family = this.weighted(FAMILY_NAMES);
    const parts = [family];
    if (g === 'male') {
      parts.push(this.weighted(MALE_MIDDLE));
      if (this.chance(0.05)) parts.push(this.pick(['Anh', 'Minh', 'Quốc', 'Gia'] as const));
      parts.push(this.pick(MALE_GIVEN));
    } else {
      const middle = this.weighted(FEMALE_MIDDLE);
      parts.push(middle);
      if (middle === 'Thị' && this.chance(0.15))
        parts.push(this.pick(['Thu', 'Thanh', 'Minh', 'Hồng', 'Ngọc', 'Kim'] as const));
      parts.push(this.pick(FEMALE_GIVEN));
    }
    // A repeated word ("Minh Minh") happens in real life but reads like a generator bug.
    const unique = parts.filter((p, i) => i === 0 || p !== parts[i - 1]);
    return { name: unique.join(' '), gender: g };
  }

  fullName(gender?: Gender): string {
    return this.personName(gender).name;
  }

  /** Companies, schools, ward offices, shops: the ~5 % of customers that are organisations. */
  organisationName(wardLabel?: string): OrganisationName {
    const r = this.random();
    if (r < 0.45) {
      const kind = this.weighted(COMPANY_KINDS);
      const trade = this.pick(COMPANY_TRADES);
      const name = `${kind} ${trade} ${this.pick(COMPANY_NAMES)}`;
      const category = /Sản xuất|Cơ khí|In ấn|Thực phẩm|Dược phẩm|Nội thất/.test(trade) ? 'production' : 'business';
      return { name, category };
    }
    if (r < 0.65) {
      const level = this.weighted([
        ['Trường Mầm non', 3],
        ['Trường Tiểu học', 3],
        ['Trường THCS', 3],
        ['Trường THPT', 2],
      ] as const);
      return { name: `${level} ${this.pick(SCHOOL_NAMES)}`, category: 'hcsn' };
    }
    if (r < 0.75 && wardLabel) {
      const body = this.pick([
        `UBND ${wardLabel}`,
        `Trạm Y tế ${wardLabel}`,
        `Công an ${wardLabel}`,
        `Nhà văn hóa ${wardLabel}`,
      ] as const);
      return { name: body, category: 'hcsn' };
    }
    return { name: `${this.pick(SHOP_KINDS)} ${this.pick(COMPANY_NAMES)}`, category: 'business' };
  }

  /** "25 Kim Mã", "Số 8, ngõ 120 Đội Cấn", "Số 3, ngách 14/2, ngõ 80 Chùa Bộc" + locality; villages for communes. */
  address(parts: AddressParts): string {
    if (parts.rural) {
      const village = this.pick([
        'Thôn Đoài',
        'Thôn Đông',
        'Thôn Trung',
        'Thôn Bắc',
        'Xóm Mới',
        'Xóm Chùa',
        'Thôn Nam',
      ] as const);
      return `Số ${this.int(1, 180)}, ${village}, ${parts.locality}`;
    }
    const street = this.pick(parts.streets && parts.streets.length > 0 ? parts.streets : COMMON_STREETS);
    const r = this.random();
    let head: string;
    if (r < 0.4) head = `${this.int(1, 320)} ${street}`;
    else if (r < 0.75) head = `Số ${this.int(1, 90)}, ngõ ${this.int(1, 250)} ${street}`;
    else if (r < 0.92)
      head = `Số ${this.int(1, 40)}, ngách ${this.int(1, 60)}/${this.int(1, 30)}, ngõ ${this.int(1, 250)} ${street}`;
    else
      head = `Phòng ${this.int(1, 6)}${String(this.int(1, 20)).padStart(2, '0')}, nhà ${this.pick(['A', 'B', 'C', 'D'] as const)}${this.int(1, 12)}, tập thể ${street}`;
    return `${head}, ${parts.locality}`;
  }

  /** 10-digit mobile number starting 03, 05, 07, 08 or 09. */
  mobilePhone(): string {
    return this.pick(MOBILE_PREFIXES) + this.digits(7);
  }

  /**
   * 12-digit CCCD: province of registration (001 Hà Nội), century-and-gender digit (0/1 born 1900s, 2/3 born 2000s;
   * even = male), two digits of the birth year, six random digits.
   */
  citizenId(gender: Gender, birthYear: number, provinceCode = '001'): string {
    const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
    return `${provinceCode}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${this.digits(6)}`;
  }

  /** 10-digit tax code (mã số thuế) of a Hanoi-registered organisation: `01` + 8 digits. */
  taxCode(): string {
    return `01${String(this.int(0, 99_999_999)).padStart(8, '0')}`;
  }

  /** An e-mail address derived from the name, diacritics folded: "nguyenvanan87@gmail.com". */
  email(name: string, birthYear?: number): string {
    const words = foldVietnamese(name).split(' ').filter(Boolean);
    const given = words[words.length - 1] ?? 'khachhang';
    const style = this.int(0, 2);
    let local: string;
    if (style === 0) local = words.join('');
    else if (style === 1)
      local = `${given}.${words
        .slice(0, -1)
        .map((w) => w[0] ?? '')
        .join('')}`;
    else local = `${given}${words[0] ?? ''}`;
    const suffix =
      birthYear !== undefined && this.chance(0.6) ? String(birthYear % 100).padStart(2, '0') : String(this.int(1, 999));
    return `${local}${suffix}@${this.weighted(EMAIL_DOMAINS)}`;
  }

  /** Organisation e-mail: a short ASCII slug of the name on a company-looking domain. */
  organisationEmail(name: string): string {
    const words = foldVietnamese(name)
      .replace(/[^a-z0-9 ]/g, '')
      .split(' ')
      .filter((w) => w.length > 0 && !['cong', 'ty', 'tnhh', 'co', 'phan', 'mtv', 'va', 'truong'].includes(w));
    const slug = words.slice(-2).join('') || 'lienhe';
    return this.chance(0.5) ? `lienhe@${slug}.com.vn` : `${slug}${this.int(1, 99)}@gmail.com`;
  }

  /** A civil date between two others (YYYY-MM-DD, inclusive). */
  dateBetween(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    const day = Math.floor(this.random() * (Math.floor((b - a) / 86_400_000) + 1));
    return new Date(a + day * 86_400_000).toISOString().slice(0, 10);
  }
}

/**
 * A meter serial unique for every distinct `n` (n < 10^8): the number is scrambled by multiplying with a unit
 * modulo 10^8 (a bijection), so consecutive customers do not get consecutive serials.
 * `prefix` is the maker's letters, `year` the two-digit year of manufacture.
 */
export function meterSerial(prefix: string, year: number, n: number): string {
  const MOD = 100_000_000;
  if (!Number.isSafeInteger(n) || n < 0 || n >= MOD) throw new RangeError(`meter serial number ${n} out of range`);
  // 48271 is odd and not a multiple of 5, hence invertible modulo 10^8; the product stays below 2^53.
  const scrambled = (n * 48_271 + 12_345_679) % MOD;
  return `${prefix}${String(year % 100).padStart(2, '0')}${String(scrambled).padStart(8, '0')}`;
}
