// A lazily loaded chunk can fail on a flaky mobile connection (or after a deploy
// replaced it); offer a reload instead of a blank page.
import { Component, type ReactNode } from 'react';
import { i18n } from '@/i18n';

interface State { failed: boolean }

export class ChunkErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="page-fallback" role="alert">
        <h1>{i18n.t('common.pageLoadFailed')}</h1>
        <p>{i18n.t('common.networkError')}</p>
        <button type="button" onClick={() => window.location.reload()}>{i18n.t('common.retry')}</button>
      </main>
    );
  }
}
