import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildInvoiceXml, einvoiceDataId } from '@/services/einvoices/einvoice-xml';
import { AppError } from '@/services/errors';
import { sampleInvoice } from '@/test/helpers/sample-invoice-document';

function parse(xml: string): XmlElement {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  if (!root) throw new Error('no root');
  return root;
}

/** The text of the element at a path of child names below `from`. */
function at(from: XmlElement, path: string): string | null {
  let node: XmlElement | undefined = from;
  for (const name of path.split('/')) {
    node = node
      ? Array.from(node.childNodes).find((c): c is XmlElement => c.nodeType === 1 && c.nodeName === name)
      : undefined;
  }
  return node?.textContent ?? null;
}

function all(from: XmlElement, name: string): XmlElement[] {
  return Array.from(from.getElementsByTagName(name));
}

function extraField(root: XmlElement, name: string): { type: string | null; value: string | null } | null {
  const ttin = all(root, 'TTin').find((t) => at(t, 'TTruong') === name);
  return ttin ? { type: at(ttin, 'KDLieu'), value: at(ttin, 'DLieu') } : null;
}

function codeOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'OTHER';
  }
  return null;
}

describe('buildInvoiceXml', () => {
  const xml = buildInvoiceXml(sampleInvoice());
  const root = parse(xml);

  it('writes an UTF-8 HDon with DLHDon (its Id), then an empty DSCKS/NBan slot', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><HDon>')).toBe(true);
    expect(root.nodeName).toBe('HDon');
    expect(Array.from(root.childNodes).map((n) => n.nodeName)).toEqual(['DLHDon', 'DSCKS']);
    const data = all(root, 'DLHDon')[0]!;
    expect(data.getAttribute('Id')).toBe(einvoiceDataId({ id: 4711 }));
    expect(all(root, 'DSCKS')[0]!.childNodes.length).toBe(1);
    expect(at(root, 'DSCKS/NBan')).toBe('');
  });

  it('fills TTChung: format version, name, series, number, date, currency, payment method', () => {
    expect(at(root, 'DLHDon/TTChung/PBan')).toBe('2.1.0');
    expect(at(root, 'DLHDon/TTChung/THDon')).toBe('Hóa đơn giá trị gia tăng');
    expect(at(root, 'DLHDon/TTChung/KHMSHDon')).toBe('1');
    expect(at(root, 'DLHDon/TTChung/KHHDon')).toBe('C26TAA');
    expect(at(root, 'DLHDon/TTChung/SHDon')).toBe('123');
    expect(at(root, 'DLHDon/TTChung/NLap')).toBe('2026-11-05');
    expect(at(root, 'DLHDon/TTChung/DVTTe')).toBe('VND');
    expect(at(root, 'DLHDon/TTChung/HTTToan')).toBe('TM/CK');
    expect(at(root, 'DLHDon/TTChung/TTHDLQuan')).toBeNull();
  });

  it('carries the water details in TTChung/TTKhac', () => {
    expect(extraField(root, 'Mã khách hàng')).toEqual({ type: 'string', value: 'KH0000123' });
    expect(extraField(root, 'Kỳ hóa đơn')).toEqual({ type: 'string', value: '10/2026' });
    expect(extraField(root, 'Sổ ghi chỉ số')).toEqual({ type: 'string', value: 'ST-01' });
    expect(extraField(root, 'Chỉ số cũ')).toEqual({ type: 'numeric', value: '1250' });
    expect(extraField(root, 'Chỉ số mới')).toEqual({ type: 'numeric', value: '1275' });
    expect(extraField(root, 'Lượng nước tiêu thụ (m³)')).toEqual({ type: 'numeric', value: '25' });
    expect(extraField(root, 'Số hộ')).toEqual({ type: 'numeric', value: '1' });
    expect(extraField(root, 'Số nhân khẩu')).toEqual({ type: 'numeric', value: '4' });
    expect(extraField(root, 'Từ ngày')).toEqual({ type: 'date', value: '2026-09-28' });
  });

  it('leaves out extra fields that are unknown (no old index on a first reading)', () => {
    const first = parse(
      buildInvoiceXml(sampleInvoice({ water: { ...sampleInvoice().water, oldIndex: null, readingFrom: null } })),
    );
    expect(extraField(first, 'Chỉ số cũ')).toBeNull();
    expect(extraField(first, 'Từ ngày')).toBeNull();
    expect(extraField(first, 'Chỉ số mới')).not.toBeNull();
  });

  it('writes seller and buyer, escaping markup in names', () => {
    expect(at(root, 'DLHDon/NDHDon/NBan/Ten')).toBe('Công ty Cổ phần Cấp nước Sơn Tây');
    expect(at(root, 'DLHDon/NDHDon/NBan/MST')).toBe('0100105052');
    expect(at(root, 'DLHDon/NDHDon/NBan/STKNHang')).toBe('0011001932418');
    expect(at(root, 'DLHDon/NDHDon/NMua/Ten')).toBe('Nguyễn Thị Ánh & Con <Hộ kinh doanh>');
    expect(xml).toContain('Nguyễn Thị Ánh &amp; Con &lt;Hộ kinh doanh&gt;');
    expect(at(root, 'DLHDon/NDHDon/NMua/MKHang')).toBe('KH0000123');
    expect(at(root, 'DLHDon/NDHDon/NMua/MST')).toBeNull();
  });

  it('lists the tiers as goods lines; VAT goes to the per-rate totals and the fee to DSLPhi', () => {
    const items = all(root, 'HHDVu');
    expect(items.map((i) => at(i, 'THHDVu'))).toEqual([
      'Tiền nước bậc 1 (0–10 m³)',
      'Tiền nước bậc 2 (10–20 m³)',
      'Tiền nước bậc 3 (20–30 m³)',
    ]);
    expect(
      items.map((i) => [
        at(i, 'TChat'),
        at(i, 'STT'),
        at(i, 'DVTinh'),
        at(i, 'SLuong'),
        at(i, 'DGia'),
        at(i, 'ThTien'),
        at(i, 'TSuat'),
      ]),
    ).toEqual([
      ['1', '1', 'm³', '10', '5973', '59730', '5%'],
      ['1', '2', 'm³', '10', '7052', '70520', '5%'],
      ['1', '3', 'm³', '5', '8669', '43345', '5%'],
    ]);
    const rates = all(root, 'LTSuat');
    expect(rates.map((r) => [at(r, 'TSuat'), at(r, 'ThTien'), at(r, 'TThue')])).toEqual([['5%', '173595', '8680']]);
    expect(at(root, 'DLHDon/NDHDon/TToan/TgTCThue')).toBe('173595');
    expect(at(root, 'DLHDon/NDHDon/TToan/TgTThue')).toBe('8680');
    expect(at(root, 'DLHDon/NDHDon/TToan/DSLPhi/LPhi/TLPhi')).toBe('Phí bảo vệ môi trường đối với nước thải 10%');
    expect(at(root, 'DLHDon/NDHDon/TToan/DSLPhi/LPhi/TPhi')).toBe('17360');
  });

  it('writes the total in figures and in words with its diacritics', () => {
    expect(at(root, 'DLHDon/NDHDon/TToan/TgTTTBSo')).toBe('199635');
    expect(at(root, 'DLHDon/NDHDon/TToan/TgTTTBChu')).toBe('Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng');
  });

  it('composes text to NFC and drops characters XML cannot carry', () => {
    const decomposed = 'Nguyễn Văn Ân'.normalize('NFD');
    const doc = sampleInvoice();
    const r = parse(
      buildInvoiceXml({ ...doc, buyer: { ...doc.buyer, name: `${decomposed}\u0007`, address: 'A\u0000B' } }),
    );
    expect(at(r, 'DLHDon/NDHDon/NMua/Ten')).toBe('Nguyễn Văn Ân'.normalize('NFC'));
    expect(at(r, 'DLHDon/NDHDon/NMua/DChi')).toBe('AB');
  });

  it('names the original of a replacement or an adjustment in TTHDLQuan', () => {
    const related = { templateSymbol: '1', invoiceSymbol: 'C26TAA', number: 100, issuedOn: '2026-10-05' };
    const replacing = parse(buildInvoiceXml(sampleInvoice({ related: { relation: 'REPLACES', ...related } })));
    expect(
      ['TCHDon', 'LHDCLQuan', 'KHMSHDCLQuan', 'KHHDCLQuan', 'SHDCLQuan', 'NLHDCLQuan'].map((n) =>
        at(replacing, `DLHDon/TTChung/TTHDLQuan/${n}`),
      ),
    ).toEqual(['1', '1', '1', 'C26TAA', '100', '2026-10-05']);
    const adjusting = parse(buildInvoiceXml(sampleInvoice({ related: { relation: 'ADJUSTS', ...related } })));
    expect(at(adjusting, 'DLHDon/TTChung/TTHDLQuan/TCHDon')).toBe('2');
  });

  it('writes a lowering adjustment with negative amounts', () => {
    const doc = sampleInvoice({
      lines: [
        {
          ordinal: 1,
          kind: 'adjustment',
          description: 'Điều chỉnh giảm tiền nước',
          unit: 'm³',
          quantity: -5,
          unitPrice: 8_669,
          amount: -43_345,
          vatRate: '5%',
        },
        {
          ordinal: 2,
          kind: 'vat',
          description: 'Thuế GTGT 5%',
          unit: null,
          quantity: null,
          unitPrice: null,
          amount: -2_167,
          vatRate: '5%',
        },
      ],
      total: -45_512,
      totalInWords: 'Âm bốn mươi lăm nghìn năm trăm mười hai đồng',
    });
    const r = parse(buildInvoiceXml(doc));
    expect(at(r, 'DLHDon/NDHDon/TToan/TgTCThue')).toBe('-43345');
    expect(at(r, 'DLHDon/NDHDon/TToan/TgTTTBSo')).toBe('-45512');
    expect(at(r, 'DLHDon/NDHDon/TToan/DSLPhi')).toBeNull();
  });

  it('gives tax lines without their own rate the rate of the lines they tax (VAT on water, VAT on drainage)', () => {
    const none = { unit: null, quantity: null, unitPrice: null };
    const doc = sampleInvoice({
      lines: [
        {
          ordinal: 1,
          kind: 'tier',
          description: 'Tiền nước',
          unit: 'm³',
          quantity: 20,
          unitPrice: 5_000,
          amount: 100_000,
          vatRate: '5%',
        },
        { ordinal: 2, kind: 'vat', description: 'Thuế GTGT 5%', ...none, amount: 5_000, vatRate: null },
        {
          ordinal: 3,
          kind: 'drainage',
          description: 'Giá dịch vụ thoát nước 30%',
          ...none,
          amount: 30_000,
          vatRate: '10%',
        },
        { ordinal: 4, kind: 'drainage_vat', description: 'Thuế GTGT 10%', ...none, amount: 3_000, vatRate: null },
        { ordinal: 5, kind: 'environment_fee', description: 'Phí BVMT', ...none, amount: 10_000, vatRate: 'KCT' },
      ],
      total: 148_000,
    });
    const r = parse(buildInvoiceXml(doc));
    expect(all(r, 'HHDVu').map((i) => [at(i, 'THHDVu'), at(i, 'TSuat')])).toEqual([
      ['Tiền nước', '5%'],
      ['Giá dịch vụ thoát nước 30%', '10%'],
    ]);
    expect(all(r, 'LTSuat').map((l) => [at(l, 'TSuat'), at(l, 'ThTien'), at(l, 'TThue')])).toEqual([
      ['5%', '100000', '5000'],
      ['10%', '30000', '3000'],
    ]);
    expect(at(r, 'DLHDon/NDHDon/TToan/TgTCThue')).toBe('130000');
    expect(at(r, 'DLHDon/NDHDon/TToan/TgTThue')).toBe('8000');
    expect(at(r, 'DLHDon/NDHDon/TToan/DSLPhi/LPhi/TPhi')).toBe('10000');
    expect(at(r, 'DLHDon/NDHDon/TToan/TgTTTBSo')).toBe('148000');

    // Two water rates in one bill: a VAT line without its rate cannot be attributed.
    const twoRates = {
      ...doc,
      lines: [
        { ...doc.lines[0]!, amount: 50_000, quantity: 10 },
        { ...doc.lines[0]!, ordinal: 6, amount: 50_000, quantity: 10, vatRate: '8%' },
        ...doc.lines.slice(1),
      ],
    };
    expect(codeOf(() => buildInvoiceXml(twoRates))).toBe('EINVOICE_INVALID_DOCUMENT');
  });

  it('refuses a draft, a wrong series, a line without a rate and lines that do not add up', () => {
    expect(codeOf(() => buildInvoiceXml(sampleInvoice({ status: 'DRAFT', number: null, issuedOn: null })))).toBe(
      'EINVOICE_INVALID_DOCUMENT',
    );
    expect(codeOf(() => buildInvoiceXml(sampleInvoice({ invoiceSymbol: 'C26XAA' })))).toBe('EINVOICE_INVALID_DOCUMENT');
    expect(codeOf(() => buildInvoiceXml(sampleInvoice({ total: 199_636 })))).toBe('EINVOICE_INVALID_DOCUMENT');
    const doc = sampleInvoice();
    expect(
      codeOf(() =>
        buildInvoiceXml({ ...doc, lines: doc.lines.map((l) => (l.ordinal === 1 ? { ...l, vatRate: null } : l)) }),
      ),
    ).toBe('EINVOICE_INVALID_DOCUMENT');
    expect(
      codeOf(() =>
        buildInvoiceXml({ ...doc, lines: doc.lines.map((l) => (l.kind === 'vat' ? { ...l, vatRate: '8%' } : l)) }),
      ),
    ).toBe('EINVOICE_INVALID_DOCUMENT');
  });
});
