/**
 * The citizen app's shell with grey placeholders, the same as the static one in web/index.html:
 * shown while the region loads, so the page goes from shell to content without a blank
 * "Memuat…" screen in between and without moving what is already drawn.
 */
export function ShellSkeleton({ label }: { label: string }) {
  return (
    <div className="citizen shell-skeleton" aria-busy="true" data-testid="shell-skeleton">
      <header className="app-header">
        <div className="app-header-inner">
          <span className="brand">
            <span className="brand-mark" />
          </span>
        </div>
      </header>
      <main className="app-main">
        <p className="sr-only" role="status">
          {label}
        </p>
        <div className="skeleton skeleton-hero" />
        <div className="skeleton skeleton-bar" />
        <div className="skeleton-tiles">
          <div className="skeleton" />
          <div className="skeleton" />
          <div className="skeleton" />
        </div>
      </main>
    </div>
  );
}
