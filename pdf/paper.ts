/**
 * Paper for printed documents, in millimetres: a company setting, because offices print invoices on A4 or A5 laser
 * printers and on dot-matrix printers fed with continuous (tractor) forms whose size is whatever the stationer sells.
 */

export interface PaperSettings {
  widthMm: number;
  heightMm: number;
  marginTopMm: number;
  marginRightMm: number;
  marginBottomMm: number;
  marginLeftMm: number;
}

type PaperPreset = 'A4' | 'A5' | 'CONTINUOUS';

/** A custom size: one margin for all sides, or each side on its own (a side left out takes `marginMm`). */
interface CustomPaper {
  widthMm: number;
  heightMm: number;
  marginMm?: number;
  marginTopMm?: number;
  marginRightMm?: number;
  marginBottomMm?: number;
  marginLeftMm?: number;
}

export type PaperOption = PaperPreset | CustomPaper;

export const PAPER_PRESETS: Readonly<Record<PaperPreset, Readonly<PaperSettings & { label: string }>>> = {
  A4: {
    label: 'A4 (210 × 297 mm)',
    widthMm: 210,
    heightMm: 297,
    marginTopMm: 12,
    marginRightMm: 12,
    marginBottomMm: 12,
    marginLeftMm: 12,
  },
  A5: {
    label: 'A5 (148 × 210 mm)',
    widthMm: 148,
    heightMm: 210,
    marginTopMm: 8,
    marginRightMm: 8,
    marginBottomMm: 8,
    marginLeftMm: 8,
  },
  // 9½ × 11 inch continuous form, the stationery dot-matrix printers are fed; the wider side margins keep print off
  // the tractor-feed strips.
  CONTINUOUS: {
    label: 'Giấy liên tục 241 × 279 mm (máy in kim)',
    widthMm: 241.3,
    heightMm: 279.4,
    marginTopMm: 8,
    marginRightMm: 18,
    marginBottomMm: 8,
    marginLeftMm: 18,
  },
};

const MIN_SIDE_MM = 50;
const MAX_SIDE_MM = 1200;
/** What is left for content once margins are taken: below this nothing readable fits. */
const MIN_CONTENT_MM = 40;

/** The paper to print on; a custom size is checked so that a typo in a setting fails here, not as a blank page. */
export function resolvePaper(option: PaperOption | undefined, fallback: PaperPreset = 'A5'): PaperSettings {
  if (option === undefined) return stripLabel(PAPER_PRESETS[fallback]);
  if (typeof option === 'string') {
    const preset = PAPER_PRESETS[option];
    if (!preset) throw new RangeError(`Unknown paper preset: ${String(option)}`);
    return stripLabel(preset);
  }
  const margin = option.marginMm ?? 10;
  const paper: PaperSettings = {
    widthMm: option.widthMm,
    heightMm: option.heightMm,
    marginTopMm: option.marginTopMm ?? margin,
    marginRightMm: option.marginRightMm ?? margin,
    marginBottomMm: option.marginBottomMm ?? margin,
    marginLeftMm: option.marginLeftMm ?? margin,
  };
  for (const side of [paper.widthMm, paper.heightMm]) {
    if (!Number.isFinite(side) || side < MIN_SIDE_MM || side > MAX_SIDE_MM) {
      throw new RangeError(`Paper sides must be between ${MIN_SIDE_MM} and ${MAX_SIDE_MM} mm`);
    }
  }
  for (const m of [paper.marginTopMm, paper.marginRightMm, paper.marginBottomMm, paper.marginLeftMm]) {
    if (!Number.isFinite(m) || m < 0) throw new RangeError('Paper margins must be zero or more millimetres');
  }
  if (
    paper.widthMm - paper.marginLeftMm - paper.marginRightMm < MIN_CONTENT_MM ||
    paper.heightMm - paper.marginTopMm - paper.marginBottomMm < MIN_CONTENT_MM
  ) {
    throw new RangeError(`Margins leave less than ${MIN_CONTENT_MM} mm for the content`);
  }
  return paper;
}

function stripLabel({ label: _label, ...paper }: PaperSettings & { label: string }): PaperSettings {
  return paper;
}

const POINTS_PER_MM = 72 / 25.4;

export function mmToPt(mm: number): number {
  return mm * POINTS_PER_MM;
}

/** react-pdf page props for the paper: size in points and the margins as padding. */
export function pageGeometry(paper: PaperSettings) {
  return {
    size: { width: mmToPt(paper.widthMm), height: mmToPt(paper.heightMm) },
    padding: {
      paddingTop: mmToPt(paper.marginTopMm),
      paddingRight: mmToPt(paper.marginRightMm),
      paddingBottom: mmToPt(paper.marginBottomMm),
      paddingLeft: mmToPt(paper.marginLeftMm),
    },
  };
}

/**
 * The base font size for the content width: 7.5 pt on A5, growing with wider paper up to 10 pt, so one layout
 * reads on a 148 mm page and does not look lost on a 210 mm one.
 */
export function baseFontSize(paper: PaperSettings): number {
  const contentMm = paper.widthMm - paper.marginLeftMm - paper.marginRightMm;
  return Math.min(10, Math.max(6.5, (contentMm / 132) * 7.5));
}
