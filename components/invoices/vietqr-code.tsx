'use client';

import QRCode from 'qrcode';
import { useMemo } from 'react';
import { emvValue } from '@/domain/invoices/vietqr';

const QUIET_ZONE = 4;

/** The dark modules as one SVG path of horizontal runs (one `h` per run keeps the path short). */
function qrPath(payload: string): { size: number; d: string } {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let d = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      d += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  return { size: size + 2 * QUIET_ZONE, d };
}

/**
 * The VietQR (EMVCo) payload of the amount due drawn in the browser as SVG with the `qrcode` package, the same
 * modules the printed invoice carries; a banking app scans it from the screen.
 */
export function VietQrCode({ payload, sizePx = 148 }: { payload: string; sizePx?: number }) {
  const qr = useMemo(() => (payload ? qrPath(payload) : null), [payload]);
  if (!qr) return null;
  return (
    <svg
      role="img"
      aria-label="Mã VietQR thanh toán"
      data-testid="vietqr"
      width={sizePx}
      height={sizePx}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
      className="rounded border border-slate-200 bg-white"
    >
      <path d={qr.d} fill="#000" />
    </svg>
  );
}

/**
 * The bank and account inside a VietQR payload (EMVCo 38 → 01 → 00 bank BIN, 01 account), to write them beside the
 * code as the printed invoice does; null when the payload does not carry them.
 */
export function vietQrAccount(payload: string): { bankBin: string; account: string } | null {
  try {
    const bankBin = emvValue(payload, '38', '01', '00');
    const account = emvValue(payload, '38', '01', '01');
    return bankBin && account ? { bankBin, account } : null;
  } catch {
    // A malformed payload is the server's bug to fix; the detail still shows everything else.
    return null;
  }
}
