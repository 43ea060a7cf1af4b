/**
 * The frame the payment reports share: company, title, scope, print date and "Trang 2/5" on every page, then a
 * one-line-per-row table whose heading repeats. Rows are paged here, not by react-pdf (its legacy pagination drops a
 * `render` prop's text, so "Trang x/y" could not be printed): each row is cut to one line, so the count is exact.
 */
import type { ReactNode } from 'react';
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { ReportCompany } from '@/domain/payments/payment-reports';
import { FONT_FAMILY } from './fonts';
import { formatDateVi } from './format';
import { pageGeometry, resolvePaper, type PaperSettings } from './paper';

export interface ReportColumn {
  header: string;
  /** A share of the table's width, e.g. '12%'. */
  width: string;
  right?: boolean;
}

const BASE = 8;
const cell = { paddingVertical: 1.5, paddingHorizontal: 2.5, borderRightWidth: 0.5, borderColor: '#000' };

const s = StyleSheet.create({
  header: { marginBottom: 6 },
  headerRow: { flexDirection: 'row', justifyContent: 'space-between' },
  bold: { fontWeight: 'bold' },
  title: { fontWeight: 'bold', fontSize: BASE * 1.6, lineHeight: 1.3, textAlign: 'center', marginTop: 4 },
  centered: { textAlign: 'center' },
  table: { borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#000' },
  tr: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#000' },
  th: { ...cell, fontWeight: 'bold', textAlign: 'center' },
  td: { ...cell, maxLines: 1, textOverflow: 'ellipsis' },
  right: { textAlign: 'right' },
});

export const LANDSCAPE_A4 = resolvePaper({ widthMm: 297, heightMm: 210, marginMm: 10 });
export const PORTRAIT_A4 = resolvePaper({ widthMm: 210, heightMm: 297, marginMm: 12 });

function pagesOf<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

interface ReportDocumentProps<T> {
  title: string;
  scope: string;
  company: ReportCompany;
  printedOn: string;
  paper: PaperSettings;
  columns: readonly ReportColumn[];
  rows: readonly T[];
  rowsPerPage: number;
  cells: (row: T, index: number) => string[];
  /** The totals line under the last page's rows. */
  totals?: string[];
  /** What follows the table on the last page (notes, signatures). */
  footer?: ReactNode;
  /** Shown instead of rows when there are none. */
  emptyText: string;
}

function TableRow({ columns, cells, bold }: { columns: readonly ReportColumn[]; cells: string[]; bold?: boolean }) {
  return (
    <View style={s.tr}>
      {columns.map((c, i) => (
        <Text key={i} style={[s.td, { width: c.width }, c.right ? s.right : {}, bold ? s.bold : {}]}>
          {cells[i] ?? ''}
        </Text>
      ))}
    </View>
  );
}

export function ReportPdfDocument<T>(props: ReportDocumentProps<T>) {
  const { columns, paper } = props;
  const geometry = pageGeometry(paper);
  const pages = pagesOf(props.rows, props.rowsPerPage);
  return (
    <Document title={`${props.title} – ${props.scope}`} creator="capnuoc" producer="capnuoc" language="vi">
      {pages.map((rows, pageIndex) => {
        const last = pageIndex === pages.length - 1;
        const offset = pageIndex * props.rowsPerPage;
        return (
          <Page
            key={pageIndex}
            size={geometry.size}
            style={{ ...geometry.padding, fontFamily: FONT_FAMILY, fontSize: BASE, lineHeight: 1.25 }}
          >
            <View style={s.header}>
              <View style={s.headerRow}>
                <Text style={s.bold}>{props.company.name}</Text>
                <Text>
                  Ngày in: {formatDateVi(props.printedOn)} – Trang {pageIndex + 1}/{pages.length}
                </Text>
              </View>
              <Text style={s.title}>{props.title}</Text>
              <Text style={s.centered}>{props.scope}</Text>
            </View>
            <View style={s.table}>
              <View style={s.tr}>
                {columns.map((c, i) => (
                  <Text key={i} style={[s.th, { width: c.width }]}>
                    {c.header}
                  </Text>
                ))}
              </View>
              {rows.map((row, i) => (
                <TableRow key={i} columns={columns} cells={props.cells(row, offset + i)} />
              ))}
              {props.rows.length === 0 ? (
                <View style={s.tr}>
                  <Text style={[s.td, { width: '100%' }, s.centered]}>{props.emptyText}</Text>
                </View>
              ) : null}
              {last && props.totals ? <TableRow columns={columns} cells={props.totals} bold /> : null}
            </View>
            {last ? props.footer : null}
          </Page>
        );
      })}
    </Document>
  );
}

export const reportStyles = StyleSheet.create({
  note: { marginTop: 4, fontStyle: 'italic' },
  summary: { marginTop: 8, width: '60%' },
  summaryRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 1.5 },
  bold: { fontWeight: 'bold' },
  signatures: { marginTop: 18, flexDirection: 'row', justifyContent: 'space-around' },
  signature: { width: '30%', textAlign: 'center' },
  signatureHint: { fontStyle: 'italic', textAlign: 'center' },
});
