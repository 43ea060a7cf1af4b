import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, billDueDate, disconnectionDeadlines } from '@/domain/notices/deadlines';
import { renderPortalSignIn } from '@/emails/portal-sign-in';
import { qrPngBuffer } from '@/emails/qr-image';
import { listNoticeTemplates, previewNotice, renderNoticeEmail, renderNoticeZns } from '@/emails/registry';
import type { NoticeTemplateId, RenderContext } from '@/emails/template';
import { ZNS_MAX_CHARS, ZnsLimitError, znsParams } from '@/emails/zns';

const context: RenderContext = {
  company: {
    name: 'Công ty Cổ phần Cấp nước Thử nghiệm',
    address: '1 Đường Thử, Hà Nội',
    hotline: '1900 6060',
    email: 'cskh@capnuoc.vn',
    bankBin: '970415',
    bankAccount: '113000123456',
    bankName: 'VietinBank',
  },
  baseUrl: 'https://capnuoc.example.vn/',
  images: 'cid',
};

describe('notice templates', () => {
  it.each(listNoticeTemplates().map((t) => t.id))('%s renders in Vietnamese on every channel', async (id) => {
    const p = await previewNotice(id as NoticeTemplateId, context);
    expect(p.subject.length).toBeGreaterThan(10);
    expect(p.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(p.html).toContain('Công ty Cổ phần Cấp nước Thử nghiệm');
    expect(p.html).toContain('Đường dây nóng: 1900 6060');
    expect(p.html).not.toContain('rel="preload"');
    expect(p.text).toContain('Đường dây nóng: 1900 6060');
    expect(p.text).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    expect(p.sms).toContain('Công ty Cổ phần Cấp nước Thử nghiệm');
    // Links never carry a doubled slash from a base URL ending in one.
    expect(p.html).not.toContain('vn//');
    if (p.zns !== null) expect([...p.zns].length).toBeLessThanOrEqual(ZNS_MAX_CHARS);
  });

  it('the bill notice carries the VietQR PNG by cid, the lookup link and the due date', async () => {
    const mail = await renderNoticeEmail(
      'BILL',
      {
        customerName: 'Nguyễn Thị Hoa',
        customerCode: 'KH0000123',
        address: null,
        period: '2026-11',
        oldIndex: 1234,
        newIndex: 1252,
        consumption: 18,
        total: 215_460,
        amountDue: 200_000,
        dueDate: '2026-12-15',
        invoiceNumber: 1542,
      },
      context,
    );
    expect(mail.images).toHaveLength(1);
    expect(mail.html).toContain(`src="cid:${mail.images[0]!.cid}"`);
    expect(mail.html).toContain('https://capnuoc.example.vn/tra-cuu');
    expect(mail.text).toContain('Số tiền phải thanh toán: 200.000 đồng');
    expect(mail.text).toContain('Hạn thanh toán: 15/12/2026');
    expect(mail.text).toContain('nội dung: TN KH0000123 202611');
  });

  it('no QR code without the company’s bank account', async () => {
    const { BILL } = { BILL: 'BILL' as const };
    const mail = await renderNoticeEmail(BILL, (await import('@/emails/bill-notice')).billNotice.sample, {
      ...context,
      company: { ...context.company, bankAccount: null },
    });
    expect(mail.images).toEqual([]);
    expect(mail.html).not.toContain('cid:');
  });

  it('a payload that does not fit its template is refused', async () => {
    await expect(renderNoticeEmail('BILL', { customerName: 'x' }, context)).rejects.toThrow(/BILL/);
  });

  it('the portal sign-in mail (used by the portal) has the link in both parts', () => {
    const mail = renderPortalSignIn({
      url: 'https://capnuoc.example.vn/dang-nhap?t=abc',
      email: 'a@b.vn',
      validMinutes: 15,
    });
    expect(mail.subject).toContain('Đăng nhập');
    expect(mail.html).toContain('href="https://capnuoc.example.vn/dang-nhap?t=abc"');
    expect(mail.text).toContain('https://capnuoc.example.vn/dang-nhap?t=abc');
    expect(mail.text).toContain('15 phút');
  });
});

describe('ZNS parameters', () => {
  it('cuts a parameter to its approved length and keeps the message within 400 characters', () => {
    const zns = renderNoticeZns(
      'PAYMENT_RECEIVED',
      {
        customerName: 'Công ty Trách nhiệm Hữu hạn Một thành viên Thương mại Dịch vụ Sông Hồng',
        customerCode: 'KH0000123',
        amount: 1_500_000,
        paidOn: '2026-12-02',
        channel: 'counter',
        receiptNumber: 'PT00000001',
        remainingDue: 0,
      },
      context,
    )!;
    expect(zns.templateId).toBe('301002');
    expect([...zns.params.customer_name!].length).toBe(30);
    expect(zns.params.customer_name!.endsWith('…')).toBe(true);
    expect(zns.params.amount).toBe('1.500.000');
    expect(zns.content.length).toBeLessThanOrEqual(400);
  });

  it('refuses a template whose rendered content passes 400 characters', () => {
    const long = {
      templateId: 'T',
      content: 'x'.repeat(395) + '<a>',
      maxLengths: { a: 10 },
      params: () => ({ a: '1234567890' }),
    };
    expect(() => znsParams(long, {}, context)).toThrow(ZnsLimitError);
  });

  it('templates without an approved ZNS template answer null', () => {
    expect(renderNoticeZns('PORTAL_SIGN_IN', { url: 'https://x', email: 'a@b.vn' }, context)).toBeNull();
  });
});

describe('deadlines (Decree 117/2007)', () => {
  it('households: 5 weeks after the notice, 10 weeks with a valid reason', () => {
    expect(disconnectionDeadlines('2026-11-30', true)).toMatchObject({
      disconnectOn: '2027-01-04',
      disconnectWithReasonOn: '2027-02-08',
    });
  });

  it('other customers: 15 working days, weekends skipped', () => {
    // Monday 30 Nov 2026 + 15 working days = Monday 21 Dec 2026.
    expect(disconnectionDeadlines('2026-11-30', false)).toMatchObject({
      disconnectOn: '2026-12-21',
      disconnectWithReasonOn: null,
    });
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07'); // Friday → Monday
  });

  it('the bill is due 15 days after issue', () => {
    expect(billDueDate('2026-11-28')).toBe('2026-12-13');
  });
});

describe('the QR PNG', () => {
  it('reads back as exactly the QR modules of the payload', () => {
    const payload = '00020101021238570010A00000072701270006970415011311300012345602080QRIBFTTA5303704';
    const png = qrPngBuffer(payload);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const width = png.readUInt32BE(16);
    // IDAT starts after the 8-byte signature, IHDR (25 bytes) and its own 8-byte header.
    const idatLength = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const rowBytes = Math.ceil(width / 8);
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const scale = width / (modules.size + 8);
    for (let my = 0; my < modules.size; my++)
      for (let mx = 0; mx < modules.size; mx++) {
        const x = Math.floor((mx + 4) * scale + scale / 2);
        const y = Math.floor((my + 4) * scale + scale / 2);
        const white = (raw[y * (rowBytes + 1) + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1;
        expect(white === 0).toBe(Boolean(modules.get(my, mx)));
      }
  });
});

describe('SMTP failures are classified', () => {
  it('4xx and network failures are temporary; 5xx and envelope errors permanent', async () => {
    const { classifySmtpError } = await import('@/services/notices/email-channel');
    expect(classifySmtpError({ responseCode: 451, response: '451 Try again later' }).temporary).toBe(true);
    expect(classifySmtpError({ responseCode: 550, response: '550 Mailbox unavailable' }).temporary).toBe(false);
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).temporary).toBe(true);
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'timed out' }).temporary).toBe(true);
    expect(classifySmtpError({ code: 'EENVELOPE', message: 'No recipients defined' }).temporary).toBe(false);
  });

  it('a server that refuses the connection is a temporary failure of the email channel', async () => {
    const { createServer } = await import('node:net');
    const { emailChannel } = await import('@/services/notices/email-channel');
    const { smtpSender } = await import('@/services/notices/mail-transport');
    const { billNotice } = await import('@/emails/bill-notice');
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const channel = emailChannel(smtpSender(`smtp://127.0.0.1:${port}`), 'capnuoc.test');
    await expect(
      channel.send(
        { id: 1, channel: 'EMAIL', template: 'BILL', recipient: 'a@b.vn', payload: billNotice.sample },
        context,
      ),
    ).rejects.toMatchObject({ name: 'SendFailure', temporary: true });
    channel.close?.();
  });
});
