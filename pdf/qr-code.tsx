import { Canvas } from '@react-pdf/renderer';
import QRCode from 'qrcode';

/** The dark modules of a QR code as rectangles, one per horizontal run, in module units. */
export function qrRuns(payload: string): { size: number; runs: [x: number, y: number, width: number][] } {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const runs: [number, number, number][] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      runs.push([start, y, x - start]);
    }
  }
  return { size, runs };
}

/** Standard quiet zone around the symbol, in modules. */
const QUIET_ZONE = 4;

/**
 * A QR code `sizePt` points wide, drawn as vector rectangles so it stays sharp on any printer (dot-matrix included).
 * Canvas paints straight into the PDF content stream; an Svg path of the same shapes is parsed by react-pdf and cost
 * about a quarter of each invoice's rendering time.
 */
export function QrCode({ payload, sizePt }: { payload: string; sizePt: number }) {
  const { size, runs } = qrRuns(payload);
  const unit = sizePt / (size + 2 * QUIET_ZONE);
  return (
    <Canvas
      style={{ width: sizePt, height: sizePt, flexShrink: 0 }}
      paint={(painter) => {
        for (const [x, y, width] of runs) {
          // A hair of overlap so anti-aliasing viewers show no seams between runs of adjacent rows.
          painter.rect((x + QUIET_ZONE) * unit, (y + QUIET_ZONE) * unit, width * unit, unit * 1.02);
        }
        painter.fillColor('#000000').fill();
        return null;
      }}
    />
  );
}
