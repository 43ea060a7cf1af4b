/**
 * The invoice's amounts table: a header, one row per tier (or adjustment) line, then the summary rows (subtotal,
 * VAT, fees, total) whose label spans the first three columns.
 *
 * A book prints thousands of these, and a table of one <Text> per cell was most of a page's rendering: react-pdf
 * runs every Text, and every line of it, through its whole text pipeline (attributed strings, bidi, script and font
 * runs, line breaking) before pdfkit draws it. A water invoice's cells are short, so when every cell fits on one
 * line the grid is fixed (rows one line high), and ONE Canvas draws the rules and the cells' text with pdfkit's
 * own text call, in the same font objects the rest of the page uses. When a cell would not fit (a long adjustment
 * description, narrow custom paper, a character the font lacks), the table falls back to one Text per cell, whose
 * rows grow with their content.
 */
import { Canvas, StyleSheet, Text, View } from '@react-pdf/renderer';
import { hasGlyphsFor, measureTextWidth, pdfFontFace, type PdfFontFace } from './fonts';
import { baseFontSize, type PaperSettings } from './paper';

export interface InvoiceTableRows {
  /** Description, quantity, unit price, amount: formatted, '' for an empty cell. */
  lines: [string, string, string, string][];
  /** Label and amount; the last one is the total, printed bold. */
  summary: [string, string][];
}

type Align = 'left' | 'center' | 'right';

interface Cell {
  text: string;
  face: PdfFontFace;
  align: Align;
  /** Left and right edges of the cell's text, in points from the table's left edge. */
  left: number;
  right: number;
}

const HEADER = ['Diễn giải', 'Số lượng (m³)', 'Đơn giá (đ/m³)', 'Thành tiền (đ)'] as const;
/** Shares of the table's width; the summary label spans the first three columns. */
const COLUMNS = [0.46, 0.16, 0.17, 0.21] as const;
const SUMMARY_COLUMNS = [COLUMNS[0] + COLUMNS[1] + COLUMNS[2], COLUMNS[3]] as const;
const HEADER_ALIGN: readonly Align[] = ['center', 'right', 'right', 'right'];
const ROW_ALIGN: readonly Align[] = ['left', 'right', 'right', 'right'];
const SUMMARY_ALIGN: readonly Align[] = ['left', 'right'];
/** Width of a rule, in points. */
const RULE = 0.6;

/** The table's geometry and styles for one paper; computed once per document. */
export function invoiceTableLayout(paper: PaperSettings, contentWidth: number) {
  const base = baseFontSize(paper);
  const padV = base * 0.2;
  const padH = base * 0.3;
  // The page's line height (1.3, resolved against the base size) plus a cell's padding and its bottom rule.
  const rowHeight = base * 1.3 + 2 * padV + RULE;
  const inner = contentWidth - RULE;
  /** Each column's text box between its rules and padding, from the table's left edge. */
  const spans = (shares: readonly number[]) => {
    let from = 0;
    return shares.map((share) => {
      const span = { left: from * inner + RULE + padH, right: (from + share) * inner - padH };
      from += share;
      return span;
    });
  };
  const cellStyles = (shares: readonly number[], aligns: readonly Align[], bold: boolean) =>
    shares.map((share, i) => ({
      width: share * inner,
      paddingVertical: padV,
      paddingHorizontal: padH,
      textAlign: aligns[i] ?? 'left',
      borderRightWidth: RULE,
      borderBottomWidth: RULE,
      borderColor: '#000',
      ...(bold ? { fontWeight: 'bold' as const } : {}),
    }));
  return {
    base,
    contentWidth,
    rowHeight,
    padV,
    columns: spans(COLUMNS),
    summaryColumns: spans(SUMMARY_COLUMNS),
    styles: StyleSheet.create({
      table: { marginTop: base * 0.6 },
      // Fallback: each cell draws its right and bottom rules, the table its top and left ones.
      cellTable: { marginTop: base * 0.6, borderTopWidth: RULE, borderLeftWidth: RULE, borderColor: '#000' },
      tr: { flexDirection: 'row' },
    }),
    headerCell: cellStyles(COLUMNS, HEADER_ALIGN, true),
    cell: cellStyles(COLUMNS, ROW_ALIGN, false),
    summaryCell: cellStyles(SUMMARY_COLUMNS, SUMMARY_ALIGN, false),
    totalCell: cellStyles(SUMMARY_COLUMNS, SUMMARY_ALIGN, true),
  };
}

export type InvoiceTableLayout = ReturnType<typeof invoiceTableLayout>;

/** The table's rows of cells, header first, as the grid draws them. */
function gridRows(layout: InvoiceTableLayout, rows: InvoiceTableRows): Cell[][] {
  const row = (texts: readonly string[], face: PdfFontFace, aligns: readonly Align[], spans: typeof layout.columns) =>
    texts.map((text, i) => ({ text, face, align: aligns[i] ?? 'left', ...spans[i]! }));
  const last = rows.summary.length - 1;
  return [
    row(HEADER, 'bold', HEADER_ALIGN, layout.columns),
    ...rows.lines.map((line) => row(line, 'regular', ROW_ALIGN, layout.columns)),
    ...rows.summary.map((line, i) => row(line, i === last ? 'bold' : 'regular', SUMMARY_ALIGN, layout.summaryColumns)),
  ];
}

/** The x at which a cell's text starts, or null when it does not fit its cell on one line in the bundled font. */
function textStart(cell: Cell, fontSize: number): number | null {
  // A line break would be drawn as a second line over the next row (and fonts.ts lets the font claim the newline).
  if (cell.text.includes('\n')) return null;
  const width = measureTextWidth(cell.text, cell.face, fontSize);
  if (width === null || width > cell.right - cell.left || !hasGlyphsFor(cell.text, cell.face)) return null;
  if (cell.align === 'left') return cell.left;
  if (cell.align === 'right') return cell.right - width;
  return (cell.left + cell.right - width) / 2;
}

interface PlacedCell {
  text: string;
  face: PdfFontFace;
  x: number;
  row: number;
}

/** Every non-empty cell with where its text starts, or null when one does not fit (the table falls back to Texts). */
export function placeGridCells(layout: InvoiceTableLayout, rows: InvoiceTableRows): PlacedCell[] | null {
  const placed: PlacedCell[] = [];
  const grid = gridRows(layout, rows);
  for (let row = 0; row < grid.length; row++) {
    for (const cell of grid[row]!) {
      if (cell.text === '') continue;
      const x = textStart(cell, layout.base);
      if (x === null) return null;
      placed.push({ text: cell.text, face: cell.face, x, row });
    }
  }
  return placed;
}

/** pdfkit's drawing calls as react-pdf's Canvas hands them over (render.js painter); each returns the painter. */
interface Painter {
  rect(x: number, y: number, width: number, height: number): Painter;
  fillColor(color: string): Painter;
  fill(): Painter;
  font(font: object, size: number): Painter;
  text(text: string, x: number, y: number, options: { lineBreak: false }): Painter;
}

function GridTable({
  layout,
  rows,
  cells,
}: {
  layout: InvoiceTableLayout;
  rows: InvoiceTableRows;
  cells: PlacedCell[];
}) {
  const { contentWidth, rowHeight, base, padV } = layout;
  const inner = contentWidth - RULE;
  const lineRows = rows.lines.length + 1;
  const allRows = lineRows + rows.summary.length;
  const height = allRows * rowHeight + RULE;
  const paint = (painter: Painter) => {
    for (let k = 0; k <= allRows; k++) painter.rect(0, k * rowHeight, contentWidth, RULE);
    painter.rect(0, 0, RULE, height).rect(inner, 0, RULE, height);
    let share = 0;
    for (let c = 0; c < COLUMNS.length - 1; c++) {
      share += COLUMNS[c]!;
      // The boundaries between description, quantity and price stop where the summary rows start.
      painter.rect(share * inner, 0, RULE, c < 2 ? lineRows * rowHeight + RULE : height);
    }
    painter.fillColor('#000000').fill();
    // pdfkit places a line of text by its top, as textkit does: the baseline is one ascent (one em) below.
    for (const cell of cells) {
      const font = pdfFontFace(cell.face);
      if (!font) continue;
      painter.font(font, base).text(cell.text, cell.x, cell.row * rowHeight + RULE + padV, { lineBreak: false });
    }
    return null;
  };
  return <Canvas style={[layout.styles.table, { width: contentWidth, height }]} paint={paint} />;
}

function CellsTable({ layout, rows }: { layout: InvoiceTableLayout; rows: InvoiceTableRows }) {
  const { styles } = layout;
  const last = rows.summary.length - 1;
  return (
    <View style={styles.cellTable}>
      <View style={styles.tr}>
        {HEADER.map((text, c) => (
          <Text key={c} style={layout.headerCell[c]}>
            {text}
          </Text>
        ))}
      </View>
      {rows.lines.map((line, r) => (
        <View style={styles.tr} key={r}>
          {line.map((text, c) => (
            <Text key={c} style={layout.cell[c]}>
              {text}
            </Text>
          ))}
        </View>
      ))}
      {rows.summary.map((row, r) => (
        <View style={styles.tr} key={`s${r}`}>
          {row.map((text, c) => (
            <Text key={c} style={(r === last ? layout.totalCell : layout.summaryCell)[c]}>
              {text}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** The amounts table; `rows.summary` ends with the total. */
export function InvoiceTable({ layout, rows }: { layout: InvoiceTableLayout; rows: InvoiceTableRows }) {
  const cells = placeGridCells(layout, rows);
  return cells ? <GridTable layout={layout} rows={rows} cells={cells} /> : <CellsTable layout={layout} rows={rows} />;
}
