/**
 * The hover card half of the content script (Preact, the card view, Floating UI, the shadow root),
 * loaded with `import()` from the content script the first time a card opens, so pages that are
 * never hovered do not pay for it. It runs in the content script's world and registers its factory
 * on that world's global object.
 */
import cardCss from '../components/ExplainerCard/card.css?inline';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createCardHost } from '../lib/dom/card-host';
import { CARD_MODULE_GLOBAL, type CardHostFactory } from '../lib/dom/lazy-card-host';
import { renderCard } from './content/render-card';

export default defineUnlistedScript(() => {
  const factory: CardHostFactory = (options) => createCardHost({ ...options, render: renderCard, css: cardCss });
  (globalThis as Record<string, unknown>)[CARD_MODULE_GLOBAL] = factory;
});
