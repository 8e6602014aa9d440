import { Component, type ReactNode } from 'react';

interface Props {
  /** Rendered when a child throws, e.g. a lazy chunk that cannot be downloaded offline. */
  fallback: (retry: () => void) => ReactNode;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) return this.props.fallback(() => window.location.reload());
    return this.props.children;
  }
}
