'use client';

import { gqlFetch } from '@/components/ui/graphql-client';
import type { BookCustomerRow, SearchHit } from '@/services/customers/book.service';

/** One line of the book grid (GraphQL `BookCustomer`): the service's row type, shared as a type only. */
export type BookCustomer = BookCustomerRow;

/** A search result (GraphQL `CustomerSearchHit`): a book row, its book code and whether it is in the open book. */
export type { SearchHit };

export interface Meter {
  id: number;
  meterTypeId: number | null;
  meterTypeName: string | null;
  serial: string;
  sealNo: string | null;
  verifiedOn: string | null;
  installedOn: string;
  initialIndex: number;
  removedOn: string | null;
  finalIndex: number | null;
  isActive: boolean;
}

export interface Contract {
  id: number;
  number: string;
  revision: number;
  address: string;
  signedOn: string;
  handoverOn: string | null;
  installedOn: string | null;
  installationTeamId: number | null;
  isCurrent: boolean;
  endedOn: string | null;
}

export interface HistoryEntry {
  id: number;
  at: string;
  kind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  userLogin: string | null;
}

export interface Attachment {
  id: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  title: string | null;
  uploadedAt: string;
  url: string;
}

/** The full customer file of the detail panel. */
export interface CustomerDetail {
  id: number;
  code: string;
  bookId: number;
  bookCode: string;
  sequenceNo: number;
  name: string;
  customerType: number;
  taxCode: string | null;
  citizenId: string | null;
  address: string;
  wardId: number | null;
  wardName: string | null;
  serviceTypeId: number | null;
  serviceTypeName: string | null;
  households: number;
  persons: number;
  masterMeterId: number | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  bankAccount: string | null;
  bankName: string | null;
  wastewaterFeeMode: string;
  wastewaterFeeBp: number | null;
  status: number;
  isPreferential: boolean;
  preferentialUntil: string | null;
  extra: Record<string, string | number | null> | null;
  latitude: number | null;
  longitude: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  meters: Meter[];
  contracts: Contract[];
  history: HistoryEntry[];
  attachments: Attachment[];
}

export interface BookOption {
  id: number;
  code: string;
  name: string;
  customersCount: number;
  routeName: string;
  branchName: string;
}

export interface CatalogItem {
  id: number;
  code: string;
  name: string;
}

export interface Catalogs {
  wards: CatalogItem[];
  serviceTypes: CatalogItem[];
  meterTypes: CatalogItem[];
  installationTeams: CatalogItem[];
  masterMeters: CatalogItem[];
}

const ROW_FIELDS = `id code bookId sequenceNo name address phone customerType households persons status isPreferential
  serviceTypeCode wardName meterSerial contractNumber version`;

const DETAIL_FIELDS = `id code bookId bookCode sequenceNo name customerType taxCode citizenId address wardId wardName
  serviceTypeId serviceTypeName households persons masterMeterId phone fax email bankAccount bankName
  wastewaterFeeMode wastewaterFeeBp status isPreferential preferentialUntil extra latitude longitude version createdAt updatedAt
  meters { id meterTypeId meterTypeName serial sealNo verifiedOn installedOn initialIndex removedOn finalIndex isActive }
  contracts { id number revision address signedOn handoverOn installedOn installationTeamId isCurrent endedOn }
  history { id at kind before after note userLogin }
  attachments { id fileName mimeType sizeBytes title uploadedAt url }`;

const PAGE = 500;

/** Reads every row of a catalog query (the API pages at 500). */
async function fetchAll<T>(field: string, fields: string): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const data = await gqlFetch<Record<string, { rows: T[]; total: number }>>(
      `query($f: CatalogQuery) { ${field}(filter: $f) { total rows { ${fields} } } }`,
      { f: { limit: PAGE, offset } },
    );
    const page = data[field];
    if (!page) break;
    out.push(...page.rows);
    if (out.length >= page.total || page.rows.length < PAGE) break;
  }
  return out;
}

/** The reading books the signed-in user holds (the API filters them). */
export function fetchBooks(): Promise<BookOption[]> {
  return fetchAll<BookOption>('readingBooks', 'id code name customersCount routeName branchName');
}

/** Catalogs that fill the form's selects. */
export async function fetchCatalogs(): Promise<Catalogs> {
  const [wards, serviceTypes, meterTypes, installationTeams, masterMeters] = await Promise.all([
    fetchAll<CatalogItem>('wards', 'id code name'),
    fetchAll<CatalogItem>('serviceTypes', 'id code name'),
    fetchAll<CatalogItem>('meterTypes', 'id code name'),
    fetchAll<CatalogItem>('installationTeams', 'id code name'),
    fetchAll<CatalogItem>('masterMeters', 'id code name'),
  ]);
  return { wards, serviceTypes, meterTypes, installationTeams, masterMeters };
}

/** Every customer of a book in sequence order (the API caps a page at 5,000; longer books are paged). */
export async function fetchBookCustomers(bookId: number): Promise<BookCustomer[]> {
  const out: BookCustomer[] = [];
  const limit = 5000;
  for (let offset = 0; ; offset += limit) {
    const data = await gqlFetch<{ bookCustomers: { rows: BookCustomer[]; total: number } }>(
      `query($bookId: Int!, $offset: Int, $limit: Int) { bookCustomers(bookId: $bookId, offset: $offset, limit: $limit) { total rows { ${ROW_FIELDS} } } }`,
      { bookId, offset, limit },
    );
    out.push(...data.bookCustomers.rows);
    if (out.length >= data.bookCustomers.total || data.bookCustomers.rows.length < limit) break;
  }
  return out;
}

export async function fetchCustomer(id: number): Promise<CustomerDetail | null> {
  const data = await gqlFetch<{ customer: CustomerDetail | null }>(`query($id: Int!) { customer(id: $id) { ${DETAIL_FIELDS} } }`, { id });
  return data.customer;
}

export async function searchCustomers(query: string, currentBookId: number | null): Promise<SearchHit[]> {
  const data = await gqlFetch<{ searchCustomers: SearchHit[] }>(
    `query($q: String!, $b: Int) { searchCustomers(query: $q, currentBookId: $b, limit: 50) { ${ROW_FIELDS} bookCode inCurrentBook } }`,
    { q: query, b: currentBookId },
  );
  return data.searchCustomers;
}

export type CustomerInputVars = Record<string, unknown>;

export async function createCustomer(input: CustomerInputVars, meter: CustomerInputVars | null, contract: CustomerInputVars | null) {
  const data = await gqlFetch<{ createCustomer: { id: number; code: string; sequenceNo: number } }>(
    `mutation($input: CustomerInput!, $meter: MeterInput, $contract: ContractInput) {
      createCustomer(input: $input, meter: $meter, contract: $contract) { id code sequenceNo } }`,
    { input, meter, contract },
  );
  return data.createCustomer;
}

export async function updateCustomer(id: number, version: number, input: CustomerInputVars) {
  const data = await gqlFetch<{ updateCustomer: { id: number; version: number } }>(
    `mutation($id: Int!, $version: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $version, input: $input) { id version } }`,
    { id, version, input },
  );
  return data.updateCustomer;
}

export async function deleteCustomer(id: number): Promise<void> {
  await gqlFetch(`mutation($id: Int!) { deleteCustomer(id: $id) }`, { id });
}

export async function moveCustomers(customerIds: number[], targetBookId: number): Promise<number> {
  const data = await gqlFetch<{ moveCustomers: number }>(
    `mutation($ids: [Int!]!, $b: Int!) { moveCustomers(customerIds: $ids, targetBookId: $b) }`,
    { ids: customerIds, b: targetBookId },
  );
  return data.moveCustomers;
}

export async function renumberBook(bookId: number): Promise<number> {
  const data = await gqlFetch<{ renumberBook: number }>(`mutation($b: Int!) { renumberBook(bookId: $b) }`, { b: bookId });
  return data.renumberBook;
}

export async function placeCustomerAfter(customerId: number, afterCustomerId: number | null): Promise<number> {
  const data = await gqlFetch<{ placeCustomerAfter: number }>(
    `mutation($c: Int!, $a: Int) { placeCustomerAfter(customerId: $c, afterCustomerId: $a) }`,
    { c: customerId, a: afterCustomerId },
  );
  return data.placeCustomerAfter;
}

export async function resignContract(customerId: number, input: CustomerInputVars): Promise<void> {
  await gqlFetch(`mutation($c: Int!, $i: ContractInput!) { resignContract(customerId: $c, input: $i) { id } }`, { c: customerId, i: input });
}

export async function updateContract(customerId: number, input: CustomerInputVars): Promise<void> {
  await gqlFetch(`mutation($c: Int!, $i: ContractInput!) { updateContract(customerId: $c, input: $i) { id } }`, { c: customerId, i: input });
}

export async function replaceMeter(customerId: number, finalIndex: number, removedOn: string, meter: CustomerInputVars): Promise<void> {
  await gqlFetch(
    `mutation($c: Int!, $f: Int!, $r: Date!, $m: MeterInput!) { replaceMeter(customerId: $c, finalIndex: $f, removedOn: $r, meter: $m) { id } }`,
    { c: customerId, f: finalIndex, r: removedOn, m: meter },
  );
}

export async function updateMeter(customerId: number, meterTypeId: number | null, sealNo: string | null, verifiedOn: string | null): Promise<void> {
  await gqlFetch(
    `mutation($c: Int!, $t: Int, $s: String, $v: Date) { updateMeter(customerId: $c, meterTypeId: $t, sealNo: $s, verifiedOn: $v) { id } }`,
    { c: customerId, t: meterTypeId, s: sealNo, v: verifiedOn },
  );
}

export async function deleteAttachment(id: number): Promise<void> {
  await gqlFetch(`mutation($id: Int!) { deleteAttachment(id: $id) }`, { id });
}

/** Uploads through the route handler (multipart); throws the server's Vietnamese message. */
export async function uploadAttachment(customerId: number, file: File, title: string): Promise<Attachment> {
  const form = new FormData();
  form.set('file', file);
  form.set('title', title);
  let res: Response;
  try {
    res = await fetch(`/api/customers/${customerId}/attachments`, { method: 'POST', body: form });
  } catch {
    throw new Error('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.');
  }
  const body = (await res.json().catch(() => null)) as (Attachment & { message?: string }) | null;
  if (!res.ok) throw new Error(body?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
  return body as Attachment;
}
