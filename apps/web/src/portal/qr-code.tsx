import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** The dark modules of a QR code as one SVG path (a square per module). */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
    }
  }
  return { size, d };
}

/**
 * A QRIS payload drawn as a QR code the customer scans with a banking or e-wallet app (from
 * another phone, or from a screenshot). Drawn as SVG elements: no image URL, no inline markup.
 */
export function QrCode({ text, label }: { text: string; label: string }): React.JSX.Element {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  const quiet = 4;
  const box = size + quiet * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      data-qr-code
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      className="mx-auto size-56 rounded-md bg-white"
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
