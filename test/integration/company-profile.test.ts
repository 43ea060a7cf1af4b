/**
 * The company's own details (issue 10): an administrator edits them through the service and the GraphQL API, anyone
 * else is refused, malformed input is refused field by field with nothing written, and the public portal shows what
 * was saved (office hours with their line breaks).
 */
import { sql } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/sql';
import { OFFICE_HOURS_MAX } from '@/schemas/company-profile';
import { getCompanyProfile, updateCompanyProfile } from '@/services/company/company-profile.service';
import { AppError } from '@/services/errors';
import { getPortalCompany } from '@/services/portal/portal-company.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;

// The portal pages rendered to HTML outside a Next.js server: a request scope of empty headers over the test database.
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('@/app/server/app-database', () => ({ getAppDatabase: async () => ({ db: database.db }) }));
vi.mock('@/app/server/client-address', () => ({ clientAddress: () => '192.0.2.10' }));
const { default: ContactPage } = await import('@/app/(portal)/lien-he/page');
const { default: PortalLayout } = await import('@/app/(portal)/layout');

const FIELDS = 'name taxCode address phone hotline email officeHours';
const QUERY = `{ companyProfile { ${FIELDS} } }`;
const UPDATE = `mutation($input: CompanyProfileInput!) { updateCompanyProfile(input: $input) { ${FIELDS} } }`;
const PORTAL = `{ portalCompany { name address hotline phone email taxCode officeHours } }`;

const VALID = {
  name: 'Công ty Cổ phần Cấp nước Sông Hồng',
  taxCode: '0108123456',
  address: 'Số 18 Đường Thanh Niên, phường Trúc Bạch, Hà Nội',
  phone: '02438291234',
  hotline: '1900545433',
  email: 'cskh@capnuoc.example.vn',
  officeHours: 'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nThứ Bảy: 7:30 – 11:30',
};

/** The stored row, every column this screen writes and a few it must leave alone. */
async function companyRow(): Promise<Record<string, unknown>> {
  const [row] = rowsOf<Record<string, unknown>>(
    await database.db.execute(sql`select id, name, tax_code, address, phone, hotline, email, office_hours,
      customer_code_prefix, bank_bin, bank_account, words_dialect from companies order by id`),
  );
  return row!;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await database.db.execute(sql`update companies set bank_bin = '970415', bank_account = '113000123456'`);
}, 60_000);
afterAll(async () => {
  await database?.close();
});

describe('company profile', () => {
  it('an administrator saves the details through GraphQL, normalised, and the portal shows them', async () => {
    const db = database.db;
    const before = await gql(db, f.admin, QUERY);
    expect(before.errors).toEqual([]);
    expect(before.data!.companyProfile).toMatchObject({ name: 'Công ty Cấp nước Thử nghiệm', officeHours: null });

    // Decomposed Vietnamese (as some keyboards send it), numbers as people write them, a Windows line end,
    // trailing spaces and surplus blank lines.
    const r = await gql(db, f.admin, UPDATE, {
      input: {
        name: '  Công ty Cổ phần   Cấp nước Sông Hồng '.normalize('NFD'),
        taxCode: '0108123456001',
        address: ' Số 18 Đường Thanh Niên, Hà Nội '.normalize('NFD'),
        phone: '024 3829.1234',
        hotline: '1900 54 54 33',
        email: ' cskh@capnuoc.example.vn ',
        officeHours: '\nThứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00   \r\n\n\n\nThứ Bảy: 7:30 – 11:30  \n'.normalize(
          'NFD',
        ),
      },
    });
    expect(r.errors).toEqual([]);
    const saved = {
      name: 'Công ty Cổ phần Cấp nước Sông Hồng',
      taxCode: '0108123456-001',
      address: 'Số 18 Đường Thanh Niên, Hà Nội',
      phone: '02438291234',
      hotline: '1900545433',
      email: 'cskh@capnuoc.example.vn',
      officeHours: 'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\n\nThứ Bảy: 7:30 – 11:30',
    };
    expect(r.data!.updateCompanyProfile).toEqual(saved);
    expect((await gql(db, f.admin, QUERY)).data!.companyProfile).toEqual(saved);

    // Stored composed (NFC), and the invoice settings of the same row left as they were.
    const row = await companyRow();
    expect(row.name).toBe(saved.name.normalize('NFC'));
    expect(String(row.office_hours).normalize('NFC')).toBe(row.office_hours);
    expect(row).toMatchObject({ bank_bin: '970415', bank_account: '113000123456', customer_code_prefix: 'KH' });

    // The public portal (an anonymous visitor) reads the same row, office hours line by line.
    const portal = await gql(db, null, PORTAL);
    expect(portal.errors).toEqual([]);
    expect(portal.data!.portalCompany).toEqual(saved);
    expect(portal.data!.portalCompany.officeHours.split('\n')).toEqual([
      'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00',
      '',
      'Thứ Bảy: 7:30 – 11:30',
    ]);
  });

  it('the service saves the details for an administrator, and emptied fields are cleared everywhere', async () => {
    const db = database.db;
    expect(await updateCompanyProfile(db, f.admin, VALID)).toEqual(VALID);
    expect(await getCompanyProfile(db, f.admin)).toEqual(VALID);
    expect((await getPortalCompany(db)).officeHours).toBe(VALID.officeHours);

    const cleared = await updateCompanyProfile(db, f.admin, {
      name: VALID.name,
      taxCode: '',
      address: '   ',
      phone: null,
      hotline: '',
      email: '',
      officeHours: ' \n \n',
    });
    expect(cleared).toEqual({
      name: VALID.name,
      taxCode: null,
      address: null,
      phone: null,
      hotline: null,
      email: null,
      officeHours: null,
    });
    const portal = await gql(db, null, PORTAL);
    expect(portal.data!.portalCompany).toEqual({ ...cleared, name: VALID.name });

    // Left out of the GraphQL input is the same as empty: the input replaces the whole profile.
    await updateCompanyProfile(db, f.admin, VALID);
    const r = await gql(db, f.admin, UPDATE, { input: { name: VALID.name, officeHours: 'Cả tuần: 7:00 – 19:00' } });
    expect(r.errors).toEqual([]);
    expect(r.data!.updateCompanyProfile).toMatchObject({ hotline: null, officeHours: 'Cả tuần: 7:00 – 19:00' });
    expect((await getPortalCompany(db)).officeHours).toBe('Cả tuần: 7:00 – 19:00');
    await updateCompanyProfile(db, f.admin, VALID);
  });

  it('a clerk and an anonymous caller are refused, and nothing changes', async () => {
    const db = database.db;
    await updateCompanyProfile(db, f.admin, VALID);
    const before = await companyRow();

    // The clerk holds every right on a branch, but is no administrator.
    expect((await gql(db, f.clerk, QUERY)).code).toBe('FORBIDDEN');
    const clerkSave = await gql(db, f.clerk, UPDATE, { input: { ...VALID, name: 'Công ty bị sửa' } });
    expect(clerkSave.code).toBe('FORBIDDEN');
    expect(clerkSave.data).toBeNull();
    expect((await gql(db, null, QUERY)).code).toBe('UNAUTHENTICATED');
    expect((await gql(db, null, UPDATE, { input: { ...VALID, name: 'Công ty bị sửa' } })).code).toBe('UNAUTHENTICATED');
    // The service refuses callers that bypass GraphQL (scripts, jobs) too.
    expect((await refusal(getCompanyProfile(db, f.clerk))).code).toBe('FORBIDDEN');
    const e = await refusal(updateCompanyProfile(db, f.clerk, { ...VALID, name: 'Công ty bị sửa' }));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe('Bạn không có quyền sửa thông tin công ty.');

    expect(await companyRow()).toEqual(before);
    expect((await getPortalCompany(db)).name).toBe(VALID.name);
  });

  it('refuses malformed input field by field, through the service and GraphQL, and writes nothing', async () => {
    const db = database.db;
    await updateCompanyProfile(db, f.admin, VALID);
    const before = await companyRow();
    const cases: [Partial<typeof VALID>, string, string, string][] = [
      [{ name: '   ' }, 'VALIDATION_FAILED', 'name', 'Tên công ty là bắt buộc.'],
      [{ taxCode: '010812345' }, 'VALIDATION_FAILED', 'taxCode', 'Mã số thuế phải gồm 10 chữ số'],
      [{ taxCode: '0108123456-01' }, 'VALIDATION_FAILED', 'taxCode', 'Mã số thuế phải gồm 10 chữ số'],
      [{ phone: '12345' }, 'INVALID_PHONE', 'phone', 'Số điện thoại không hợp lệ'],
      [{ phone: '1900545433' }, 'INVALID_PHONE', 'phone', 'Số điện thoại không hợp lệ'],
      [{ hotline: '1900 54' }, 'INVALID_PHONE', 'hotline', 'Số tổng đài không hợp lệ'],
      [{ hotline: 'gọi ngay' }, 'INVALID_PHONE', 'hotline', 'Số tổng đài không hợp lệ'],
      [{ email: 'cskh@' }, 'INVALID_EMAIL', 'email', 'Địa chỉ email không hợp lệ.'],
      [{ address: 'đ'.repeat(301) }, 'VALIDATION_FAILED', 'address', 'Địa chỉ dài tối đa 300 ký tự.'],
      [
        { officeHours: 'Thứ Hai: 7:30 – 17:00\n'.repeat(20) },
        'VALIDATION_FAILED',
        'officeHours',
        `Giờ làm việc dài tối đa ${OFFICE_HOURS_MAX} ký tự.`,
      ],
    ];
    for (const [change, code, field, message] of cases) {
      const e = await refusal(updateCompanyProfile(db, f.admin, { ...VALID, ...change }));
      expect([field, e.code, e.field]).toEqual([field, code, field]);
      expect(e.message).toContain(message);

      const r = await gql(db, f.admin, UPDATE, { input: { ...VALID, ...change } });
      expect(r.data).toBeNull();
      // Over-long text is cut off by the API's length limits before the service sees it.
      const tooLong = (change.address ?? change.officeHours ?? '').length > 300;
      expect([field, r.code]).toEqual([field, tooLong ? 'ARGUMENT_TOO_LONG' : code]);
    }
    // A name over 200 characters: the API's default length limit, then the service's own rule.
    const longName = 'Công ty '.repeat(30);
    expect((await gql(db, f.admin, UPDATE, { input: { ...VALID, name: longName } })).code).toBe('ARGUMENT_TOO_LONG');
    const e = await refusal(updateCompanyProfile(db, f.admin, { ...VALID, name: longName }));
    expect([e.code, e.field, e.message]).toEqual(['VALIDATION_FAILED', 'name', 'Tên công ty dài tối đa 200 ký tự.']);
    // A missing name is the GraphQL type's refusal (variable coercion: BAD_USER_INPUT over HTTP, BAD_REQUEST here).
    const noName = await gql(db, f.admin, UPDATE, { input: { taxCode: VALID.taxCode } });
    expect(noName.data).toBeNull();
    expect(['BAD_USER_INPUT', 'BAD_REQUEST']).toContain(noName.code);

    expect(await companyRow()).toEqual(before);
    expect((await getPortalCompany(db)).officeHours).toBe(VALID.officeHours);
  });

  it('the portal’s contact page and footer show the office hours line by line', async () => {
    const db = database.db;
    const r = await gql(db, f.admin, UPDATE, {
      input: { ...VALID, officeHours: 'Thứ Hai – Thứ Sáu: 7:00 – 17:00\nChủ Nhật: nghỉ' },
    });
    expect(r.errors).toEqual([]);

    const contact = renderToStaticMarkup(await ContactPage());
    const hours = /<dd class="([^"]*)" data-testid="contact-office-hours">([^<]*)<\/dd>/.exec(contact);
    expect(hours?.[1]).toContain('whitespace-pre-line');
    expect(hours?.[2]).toBe('Thứ Hai – Thứ Sáu: 7:00 – 17:00\nChủ Nhật: nghỉ');
    expect(contact).toContain('Giờ làm việc');

    const layout = renderToStaticMarkup(await PortalLayout({ children: null }));
    const footer = /<span class="([^"]*)" data-testid="footer-office-hours">([^<]*)<\/span>/.exec(layout);
    expect(footer?.[1]).toContain('whitespace-pre-line');
    expect(footer?.[2]).toBe('Thứ Hai – Thứ Sáu: 7:00 – 17:00\nChủ Nhật: nghỉ');

    // Cleared: neither the row nor the footer line is drawn.
    await updateCompanyProfile(db, f.admin, { ...VALID, officeHours: '' });
    expect(renderToStaticMarkup(await ContactPage())).not.toContain('contact-office-hours');
    expect(renderToStaticMarkup(await PortalLayout({ children: null }))).not.toContain('Giờ làm việc');
    await updateCompanyProfile(db, f.admin, VALID);
  });

  it('accepts exactly 300 characters of office hours and the 8-digit 1800 numbers', async () => {
    const db = database.db;
    const line = 'Thứ Hai – Thứ Sáu: 7:30 – 17:00';
    const officeHours = `${line}\n`.repeat(9) + 'x'.repeat(OFFICE_HOURS_MAX - (line.length + 1) * 9);
    expect(officeHours).toHaveLength(OFFICE_HOURS_MAX);
    const r = await gql(db, f.admin, UPDATE, { input: { ...VALID, hotline: '1800 1234', officeHours } });
    expect(r.errors).toEqual([]);
    expect(r.data!.updateCompanyProfile).toMatchObject({ hotline: '18001234', officeHours });
    await updateCompanyProfile(db, f.admin, VALID);
  });
});
