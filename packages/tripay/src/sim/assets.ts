import { escapeHtml } from './http.ts';

/**
 * A channel logo: a plain badge with the channel code, so that `icon_url` loads without
 * shipping anyone's trademarks or reaching the internet.
 */
export function channelIcon(code: string): string {
  const label = escapeHtml(code.slice(0, 10));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="48" viewBox="0 0 120 48">
<rect width="120" height="48" rx="8" fill="#1f4e8c"/>
<text x="60" y="30" font-family="sans-serif" font-size="14" font-weight="bold" fill="#fff" text-anchor="middle">${label}</text>
</svg>
`;
}

/**
 * Stands in for Tripay's QR image. It is a labelled placeholder, not a scannable code: the
 * payload is in `qr_string`, and paying happens through the simulator anyway.
 */
export function qrPlaceholder(reference: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">
<rect width="240" height="240" fill="#fff" stroke="#1c2430" stroke-width="8"/>
<rect x="20" y="20" width="56" height="56" fill="#1c2430"/>
<rect x="164" y="20" width="56" height="56" fill="#1c2430"/>
<rect x="20" y="164" width="56" height="56" fill="#1c2430"/>
<text x="120" y="116" font-family="sans-serif" font-size="18" font-weight="bold" text-anchor="middle">QRIS</text>
<text x="120" y="140" font-family="monospace" font-size="10" text-anchor="middle">${escapeHtml(reference)}</text>
</svg>
`;
}
