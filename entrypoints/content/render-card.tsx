import { render } from 'preact';
import { ExplainerCard } from '../../components/ExplainerCard/ExplainerCard';
import type { CardView } from '../../lib/dom/card-host';

/** Renders the hover card (or nothing) into our shadow root. */
export function renderCard(container: HTMLElement, view: CardView | null): void {
  render(
    view ? (
      <ExplainerCard
        key={view.explainerId}
        card={view.card}
        fullUrl={view.fullUrl}
        onClose={view.onClose}
        onOpenFull={view.onOpenFull}
        link={view.link}
        theme={view.theme}
        onRetry={view.onRetry}
        menu={view.menu}
      />
    ) : null,
    container,
  );
}
