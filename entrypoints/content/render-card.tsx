import { render } from 'preact';
import { ExplainerCard } from '../../components/ExplainerCard/ExplainerCard';
import { LangProvider } from '../../components/lang';
import type { CardView } from '../../lib/dom/card-host';

/** Renders the hover card (or nothing) into our shadow root. */
export function renderCard(container: HTMLElement, view: CardView | null): void {
  render(
    view ? (
      <LangProvider lang={view.lang}>
        <ExplainerCard
          key={`${view.lang}:${view.explainerId}`}
          card={view.card}
          fullUrl={view.fullUrl}
          onClose={view.onClose}
          onOpenFull={view.onOpenFull}
          link={view.link}
          theme={view.theme}
          onRetry={view.onRetry}
          menu={view.menu}
        />
      </LangProvider>
    ) : null,
    container,
  );
}
