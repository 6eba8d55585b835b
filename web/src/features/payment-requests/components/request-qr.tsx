import { useMemo } from "react";
import { encode } from "uqr";

/**
 * A QR code of `text` as one SVG path, encoded in the browser (nothing about
 * the request leaves it to draw the code). Dark modules on white, with the
 * quiet zone scanners need.
 */
export function RequestQr({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = encode(text, { ecc: "M", border: 2 });
    const parts: string[] = [];
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
      });
    });
    return { size: qr.size, path: parts.join("") };
  }, [text]);
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
