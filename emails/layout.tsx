import type { ReactNode } from 'react';
import type { EmailCompany } from './company';

const BRAND = '#0369a1';

/**
 * The frame of every email: a table layout with inline styles, because mail programs (Outlook, Gmail) drop
 * <style> blocks, flexbox and external stylesheets; the company's name on top, its address and hotline below.
 * The document around it (doctype, head, title) is written by renderHtml: React 19 rendering a whole <html>
 * hoists a <link rel="preload"> for every image into the head, which has no place in a mail.
 */
export function EmailLayout({
  company,
  title,
  preview,
  children,
}: {
  company: EmailCompany;
  title: string;
  /** The line mail programs show beside the subject in the inbox. */
  preview: string;
  children: ReactNode;
}) {
  return (
    <div style={{ margin: 0, padding: 0, backgroundColor: '#f1f5f9', fontFamily: 'Arial, Helvetica, sans-serif' }}>
      <div data-title={title} style={{ display: 'none', maxHeight: 0, overflow: 'hidden' }}>
        {preview}
      </div>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ backgroundColor: '#f1f5f9' }}>
        <tbody>
          <tr>
            <td align="center" style={{ padding: '24px 12px' }}>
              <table
                role="presentation"
                width="600"
                cellPadding={0}
                cellSpacing={0}
                style={{ maxWidth: 600, width: '100%', backgroundColor: '#ffffff', borderRadius: 8 }}
              >
                <tbody>
                  <tr>
                    <td
                      style={{
                        backgroundColor: BRAND,
                        color: '#ffffff',
                        padding: '16px 24px',
                        fontSize: 18,
                        fontWeight: 'bold',
                        borderRadius: '8px 8px 0 0',
                      }}
                    >
                      {company.name}
                    </td>
                  </tr>
                  <tr>
                    <td style={{ padding: 24, color: '#0f172a', fontSize: 15, lineHeight: '22px' }}>
                      <h1 style={{ fontSize: 20, margin: '0 0 16px', color: '#0f172a' }}>{title}</h1>
                      {children}
                    </td>
                  </tr>
                  <tr>
                    <td
                      style={{
                        padding: '16px 24px',
                        borderTop: '1px solid #e2e8f0',
                        color: '#475569',
                        fontSize: 13,
                        lineHeight: '20px',
                      }}
                    >
                      <strong>{company.name}</strong>
                      {company.address && <div>Địa chỉ: {company.address}</div>}
                      {company.hotline && <div>Đường dây nóng: {company.hotline}</div>}
                      {company.email && <div>Email: {company.email}</div>}
                      <div style={{ marginTop: 8 }}>Đây là thư tự động, vui lòng không trả lời thư này.</div>
                    </td>
                  </tr>
                </tbody>
              </table>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** A label/value table (reading, amount, due date …). */
export function FactTable({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ width: '100%', margin: '8px 0 16px' }}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <td style={{ padding: '6px 0', color: '#475569', width: '45%', borderBottom: '1px solid #f1f5f9' }}>
              {label}
            </td>
            <td style={{ padding: '6px 0', fontWeight: 'bold', borderBottom: '1px solid #f1f5f9' }}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      style={{
        display: 'inline-block',
        backgroundColor: BRAND,
        color: '#ffffff',
        padding: '10px 18px',
        borderRadius: 6,
        textDecoration: 'none',
        fontWeight: 'bold',
      }}
    >
      {children}
    </a>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <p style={{ margin: '0 0 12px' }}>{children}</p>;
}
