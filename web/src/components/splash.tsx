/**
 * The brand splash while the app starts: the same markup index.html shows before
 * any script runs (its CSS is inline there), so the hand-over is seamless.
 */
export function Splash() {
  return (
    <div className="splash" role="status" aria-label="Cho'ntak">
      <svg className="splash-mark" viewBox="0 0 512 512" aria-hidden="true">
        <rect width="512" height="512" rx="112" fill="#0f8a6c" />
        <path
          d="M333 164A120 120 0 1 0 333 348"
          fill="none"
          stroke="#fff"
          strokeWidth="64"
          strokeLinecap="round"
        />
      </svg>
      <span>Cho'ntak</span>
    </div>
  );
}
