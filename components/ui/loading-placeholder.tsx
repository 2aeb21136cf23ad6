/**
 * What a page shows until its first data arrives: grey bars where the content will be and what is
 * being loaded, never zeros or an empty list, which would read as "nothing there".
 */
export function LoadingPlaceholder({ what, rows = 3 }: { what: string; rows?: number }) {
  return (
    <div className="loading-placeholder" role="status" aria-busy="true" data-testid="loading-placeholder">
      <span className="loading-label">Loading {what}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="loading-bar" aria-hidden />
      ))}
    </div>
  );
}
