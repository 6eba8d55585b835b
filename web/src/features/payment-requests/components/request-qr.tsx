import { useMemo } from "react";
import { encode } from "uqr";

/** The QR code of `text` as one SVG path: dark modules on white, with the quiet zone scanners need. */
function qrPath(text: string): { size: number; path: string } {
  const qr = encode(text, { ecc: "M", border: 2 });
  const parts: string[] = [];
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return { size: qr.size, path: parts.join("") };
}

/**
 * A QR code of `text`, encoded in the browser (nothing about the request
 * leaves it to draw the code).
 */
export function RequestQr({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="request-qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="request-qr"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}

/**
 * Saves the QR code as an SVG file, to print or post where a link can't go.
 * SVG stays sharp at any print size; 10 px a module is its nominal size.
 */
export function downloadQr(text: string, fileName: string): void {
  const { size, path } = qrPath(text);
  const markup =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size * 10}" height="${size * 10}" ` +
    `viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#ffffff"/><path d="${path}" fill="#000000"/></svg>`;
  const url = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
