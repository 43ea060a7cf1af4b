/**
 * Customer files for the demo seed and the benchmark generator: one function builds a customer with its
 * meter, contract and usage profile from a seeded faker; one writes a batch of them with their readings.
 */
import { formatContractNumber, formatCustomerCode } from '@/domain/customers/numbering';
import { addDays, addPeriods } from '@/domain/reading/period';
import { foldVietnamese } from '@/domain/text/normalize';
import { appendRows, unnestInsert, type Runner } from './bulk';
import { meterSerial, type VietnameseFaker } from './names';

/** Today's civil date in Vietnam (UTC+7), YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The `count` periods before the month of `today`, oldest first: the current month stays open for entry. */
export function closedPeriods(today: string, count: number): string[] {
  const current = today.slice(0, 7);
  const out: string[] = [];
  for (let i = count; i >= 1; i--) out.push(addPeriods(current, -i));
  return out;
}

/** `search_text` of a customer: code, name, address and phone, lower-cased and without diacritics. */
function customerSearchText(code: string, name: string, address: string, phone: string | null): string {
  return foldVietnamese(`${code} ${name} ${address} ${phone ?? ''}`);
}

export interface WardRef {
  id: number;
  /** "phường Kim Mã, quận Ba Đình, Hà Nội": what follows the street in an address. */
  locality: string;
  /** "phường Kim Mã": for organisation names such as "UBND phường Kim Mã". */
  label: string;
  rural: boolean;
  /** Streets of the ward; empty = the common list. */
  streets: readonly string[];
}

export interface MeterTypeRef {
  id: number;
  code: string;
  maxIndex: number;
  /** Letters that start this maker's serials. */
  serialPrefix: string;
}

export interface CatalogRefs {
  codePrefix: string;
  serviceTypeIds: Readonly<Record<string, number>>;
  /** Meter types for households (small bore) and for organisations (larger bore), with weights. */
  householdMeters: readonly (readonly [MeterTypeRef, number])[];
  organisationMeters: readonly (readonly [MeterTypeRef, number])[];
  teamIds: readonly number[];
}

export interface Placement {
  bookId: number;
  sequenceNo: number;
  /** Day of the month the book is read (1–28). */
  readingDay: number;
  ward: WardRef;
  masterMeterId: number | null;
}

export interface CustomerDraft {
  code: string;
  bookId: number;
  sequenceNo: number;
  name: string;
  customerType: 0 | 1;
  taxCode: string | null;
  citizenId: string | null;
  address: string;
  wardId: number;
  serviceTypeId: number | null;
  households: number;
  persons: number;
  masterMeterId: number | null;
  phone: string | null;
  email: string | null;
  status: 0 | 1;
  isPreferential: boolean;
  preferentialUntil: string | null;
  searchText: string;
  meter: {
    meterTypeId: number;
    serial: string;
    sealNo: string | null;
    verifiedOn: string;
    installedOn: string;
    maxIndex: number;
  };
  contract: {
    number: string;
    address: string;
    signedOn: string;
    handoverOn: string;
    installedOn: string;
    installationTeamId: number | null;
  };
  /** Usual m3 per month; readings vary around it. */
  baseConsumption: number;
  /** Index on the meter when the first seeded period starts. */
  startIndex: number;
  /** Status-0 customers: the first period with the water cut (no consumption from then on). */
  cutOffFrom: string | null;
  readingDay: number;
}

export interface DraftContext {
  catalogs: CatalogRefs;
  placement: Placement;
  /** Number drawn from customer_code_seq. */
  codeNumber: number;
  today: string;
  /** Oldest seeded reading period: meters are installed before it starts. */
  firstPeriod: string;
  /** Periods a status-0 customer may have been cut off in (the last few seeded ones). */
  cutOffCandidates: readonly string[];
}

function serviceTypeId(catalogs: CatalogRefs, code: string): number | null {
  return catalogs.serviceTypeIds[code] ?? null;
}

function monthsBetween(fromDate: string, toPeriod: string): number {
  const [fy, fm] = fromDate.split('-').map(Number) as [number, number];
  const [ty, tm] = toPeriod.split('-').map(Number) as [number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm));
}

/** Builds one customer with meter and contract. Consumes the faker in a fixed order: same seed, same customer. */
export function buildCustomerDraft(f: VietnameseFaker, ctx: DraftContext): CustomerDraft {
  const { catalogs, placement } = ctx;
  const code = formatCustomerCode(catalogs.codePrefix, ctx.codeNumber);
  const ward = placement.ward;
  const isOrganisation = f.chance(0.05);

  let name: string;
  let serviceCode: string;
  let taxCode: string | null = null;
  let citizenId: string | null = null;
  let email: string | null = null;
  let households = 1;
  let persons: number;
  let birthYear: number | undefined;
  if (isOrganisation) {
    const org = f.organisationName(ward.label);
    name = org.name;
    serviceCode = org.category === 'hcsn' ? 'HN_HCSN' : org.category === 'production' ? 'HN_SX' : 'HN_KD';
    taxCode = f.taxCode();
    persons = 1;
    if (f.chance(0.7)) email = f.organisationEmail(name);
  } else {
    const person = f.personName();
    name = person.name;
    birthYear = f.int(1945, 2003);
    citizenId = f.chance(0.9) ? f.citizenId(person.gender, birthYear) : null;
    const h = f.random();
    households = h < 0.88 ? 1 : h < 0.97 ? 2 : 3;
    persons = Math.min(6, f.int(1, 4) + (households > 1 ? f.int(1, 2) : f.int(0, 2)));
    const s = f.random();
    // Most households buy water for living; some run a shop or a workshop from home.
    serviceCode = s < 0.9 ? 'HN_SH' : s < 0.96 ? 'HN_KD' : s < 0.985 ? 'HN_SX' : 'HN_HCSN';
    if (f.chance(0.3)) email = f.email(name, birthYear);
  }
  const phone = f.chance(isOrganisation ? 0.95 : 0.9) ? f.mobilePhone() : null;
  const rural = ward.rural;
  const address = f.address({ locality: ward.locality, streets: ward.streets, rural });

  const status: 0 | 1 = f.chance(0.03) ? 0 : 1;
  const domestic = serviceCode === 'HN_SH';
  let isPreferential = false;
  let preferentialUntil: string | null = null;
  if (domestic && f.chance(0.053)) {
    // Poor / near-poor household certificates run to the end of a year; a few have lapsed.
    isPreferential = true;
    const year = Number(ctx.today.slice(0, 4));
    const r = f.random();
    preferentialUntil = `${r < 0.1 ? year - 1 : r < 0.7 ? year : year + 1}-12-31`;
  }

  // Meter and contract: installed some time before the first seeded period.
  const meterChoice = f.weighted(isOrganisation ? catalogs.organisationMeters : catalogs.householdMeters);
  const latestInstall = addDays(`${ctx.firstPeriod}-01`, -30);
  const installedOn = f.dateBetween('2008-01-01', latestInstall);
  const fiveYearsAgo = addDays(ctx.today, -5 * 365);
  const verifiedOn =
    installedOn >= fiveYearsAgo
      ? addDays(installedOn, -f.int(7, 90))
      : f.dateBetween(fiveYearsAgo, addDays(ctx.today, -30));
  const serialYear = Number(installedOn.slice(2, 4));
  const meter = {
    meterTypeId: meterChoice.id,
    serial: meterSerial(meterChoice.serialPrefix, serialYear, ctx.codeNumber),
    sealNo: f.chance(0.8) ? `N${f.digits(7)}` : null,
    verifiedOn,
    installedOn,
    maxIndex: meterChoice.maxIndex,
  };
  const teamId = catalogs.teamIds.length > 0 ? f.pick(catalogs.teamIds) : null;
  const contract = {
    number: formatContractNumber(code, 1),
    address,
    signedOn: addDays(installedOn, -f.int(3, 25)),
    handoverOn: installedOn,
    installedOn,
    installationTeamId: teamId,
  };

  let base: number;
  if (isOrganisation) base = f.int(15, 38);
  else if (domestic) base = Math.round(persons * (2.8 + f.random() * 2.2) * (households > 1 ? 1.3 : 1));
  else base = f.int(12, 35);
  base = Math.max(5, Math.min(38, base));
  const monthsInstalled = monthsBetween(installedOn, ctx.firstPeriod);
  const startIndex = Math.min(meter.maxIndex - 40 * 24, Math.round(monthsInstalled * base * (0.85 + f.random() * 0.3)));
  const cutOffFrom = status === 0 && ctx.cutOffCandidates.length > 0 ? f.pick(ctx.cutOffCandidates) : null;

  return {
    code,
    bookId: placement.bookId,
    sequenceNo: placement.sequenceNo,
    name,
    customerType: isOrganisation ? 1 : 0,
    taxCode,
    citizenId,
    address,
    wardId: ward.id,
    serviceTypeId: serviceTypeId(catalogs, serviceCode),
    households,
    persons,
    masterMeterId: placement.masterMeterId,
    phone,
    email,
    status,
    isPreferential,
    preferentialUntil,
    searchText: customerSearchText(code, name, address, phone),
    meter,
    contract,
    baseConsumption: base,
    startIndex: Math.max(0, startIndex),
    cutOffFrom,
    readingDay: placement.readingDay,
  };
}

/** Seasonal factor: Hanoi summers (May–September) use more water. */
const SEASON = [0.92, 0.88, 0.9, 0.97, 1.06, 1.14, 1.18, 1.16, 1.08, 1.0, 0.95, 0.93] as const;

/** m3 of one period: the usual amount, the season and some noise, kept within 5–40. */
function periodConsumption(f: VietnameseFaker, base: number, period: string): number {
  const month = Number(period.slice(5, 7));
  const season = SEASON[month - 1] ?? 1;
  const noise = 0.8 + f.random() * 0.4;
  return Math.max(5, Math.min(40, Math.round(base * season * noise)));
}

export interface WriteCounts {
  customers: number;
  meters: number;
  contracts: number;
  readings: number;
}

/**
 * Inserts customers (returning ids), their meters (returning ids), contracts and one reading per customer and
 * period. Arrays go through unnest; contracts and readings go through COPY when the runner supports it.
 */
export async function writeCustomers(
  runner: Runner,
  drafts: readonly CustomerDraft[],
  periods: readonly string[],
  f: VietnameseFaker,
): Promise<WriteCounts> {
  if (drafts.length === 0) return { customers: 0, meters: 0, contracts: 0, readings: 0 };
  const col = <T extends string | number | boolean | null>(pick: (d: CustomerDraft) => T) => drafts.map(pick);

  const inserted = await runner.run(
    unnestInsert(
      'customers',
      [
        { name: 'code', type: 'varchar', values: col((d) => d.code) },
        { name: 'book_id', type: 'int4', values: col((d) => d.bookId) },
        { name: 'sequence_no', type: 'int4', values: col((d) => d.sequenceNo) },
        { name: 'name', type: 'text', values: col((d) => d.name) },
        { name: 'customer_type', type: 'int2', values: col((d) => d.customerType) },
        { name: 'tax_code', type: 'varchar', values: col((d) => d.taxCode) },
        { name: 'citizen_id', type: 'varchar', values: col((d) => d.citizenId) },
        { name: 'address', type: 'text', values: col((d) => d.address) },
        { name: 'ward_id', type: 'int4', values: col((d) => d.wardId) },
        { name: 'service_type_id', type: 'int4', values: col((d) => d.serviceTypeId) },
        { name: 'households', type: 'int4', values: col((d) => d.households) },
        { name: 'persons', type: 'int4', values: col((d) => d.persons) },
        { name: 'master_meter_id', type: 'int4', values: col((d) => d.masterMeterId) },
        { name: 'phone', type: 'varchar', values: col((d) => d.phone) },
        { name: 'email', type: 'text', values: col((d) => d.email) },
        { name: 'status', type: 'int2', values: col((d) => d.status) },
        { name: 'is_preferential', type: 'bool', values: col((d) => d.isPreferential) },
        { name: 'preferential_until', type: 'date', values: col((d) => d.preferentialUntil) },
        { name: 'search_text', type: 'text', values: col((d) => d.searchText) },
      ],
      'returning id, code',
    ),
  );
  const customerIdByCode = new Map<string, number>();
  for (const row of inserted) customerIdByCode.set(String(row.code), Number(row.id));
  const customerIds = drafts.map((d) => {
    const id = customerIdByCode.get(d.code);
    if (id === undefined) throw new Error(`customer ${d.code} was not inserted`);
    return id;
  });

  const meterRows = await runner.run(
    unnestInsert(
      'meters',
      [
        { name: 'customer_id', type: 'int4', values: customerIds },
        { name: 'meter_type_id', type: 'int4', values: col((d) => d.meter.meterTypeId) },
        { name: 'serial', type: 'varchar', values: col((d) => d.meter.serial) },
        { name: 'seal_no', type: 'varchar', values: col((d) => d.meter.sealNo) },
        { name: 'verified_on', type: 'date', values: col((d) => d.meter.verifiedOn) },
        { name: 'installed_on', type: 'date', values: col((d) => d.meter.installedOn) },
        { name: 'initial_index', type: 'int4', values: col(() => 0) },
        { name: 'is_active', type: 'bool', values: col(() => true) },
      ],
      'returning id, customer_id',
    ),
  );
  const meterIdByCustomer = new Map<number, number>();
  for (const row of meterRows) meterIdByCustomer.set(Number(row.customer_id), Number(row.id));

  await appendRows(runner, 'contracts', [
    { name: 'customer_id', type: 'int4', values: customerIds },
    { name: 'number', type: 'varchar', values: col((d) => d.contract.number) },
    { name: 'revision', type: 'int4', values: col(() => 1) },
    { name: 'address', type: 'text', values: col((d) => d.contract.address) },
    { name: 'signed_on', type: 'date', values: col((d) => d.contract.signedOn) },
    { name: 'handover_on', type: 'date', values: col((d) => d.contract.handoverOn) },
    { name: 'installed_on', type: 'date', values: col((d) => d.contract.installedOn) },
    { name: 'installation_team_id', type: 'int4', values: col((d) => d.contract.installationTeamId) },
    { name: 'is_current', type: 'bool', values: col(() => true) },
  ]);

  const n = drafts.length * periods.length;
  const rCustomer = new Array<number>(n);
  const rMeter = new Array<number>(n);
  const rBook = new Array<number>(n);
  const rPeriod = new Array<string>(n);
  const rPrevious = new Array<number>(n);
  const rCurrent = new Array<number>(n);
  const rConsumption = new Array<number>(n);
  const rEnteredAt = new Array<string>(n);
  let k = 0;
  drafts.forEach((d, i) => {
    const customerId = customerIds[i] as number;
    const meterId = meterIdByCustomer.get(customerId);
    if (meterId === undefined) throw new Error(`meter of ${d.code} was not inserted`);
    let index = d.startIndex;
    for (const period of periods) {
      const cut = d.cutOffFrom !== null && period >= d.cutOffFrom;
      const consumption = cut ? 0 : periodConsumption(f, d.baseConsumption, period);
      rCustomer[k] = customerId;
      rMeter[k] = meterId;
      rBook[k] = d.bookId;
      rPeriod[k] = period;
      rPrevious[k] = index;
      rCurrent[k] = index + consumption;
      rConsumption[k] = consumption;
      const minute = String(((d.sequenceNo / 10) % 60) | 0).padStart(2, '0');
      rEnteredAt[k] =
        `${period}-${String(d.readingDay).padStart(2, '0')} ${String(8 + (((d.sequenceNo / 600) % 9) | 0)).padStart(2, '0')}:${minute}:00+07`;
      index += consumption;
      k++;
    }
  });
  await appendRows(runner, 'readings', [
    { name: 'customer_id', type: 'int4', values: rCustomer },
    { name: 'meter_id', type: 'int4', values: rMeter },
    { name: 'book_id', type: 'int4', values: rBook },
    { name: 'period', type: 'text', values: rPeriod },
    { name: 'previous_index', type: 'int4', values: rPrevious },
    { name: 'current_index', type: 'int4', values: rCurrent },
    { name: 'consumption', type: 'int4', values: rConsumption },
    { name: 'source', type: 'varchar', values: rPeriod.map(() => 'system') },
    { name: 'entered_at', type: 'timestamptz', values: rEnteredAt },
  ]);

  return { customers: inserted.length, meters: meterRows.length, contracts: drafts.length, readings: n };
}

/** Draws `count` numbers from customer_code_seq, ascending. */
export async function drawCustomerNumbers(runner: Runner, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await runner.run({
    text: `select nextval('customer_code_seq')::int8 as n from generate_series(1, $1::int4)`,
    params: [String(count)],
  });
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}
