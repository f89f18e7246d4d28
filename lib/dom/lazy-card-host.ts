import type { CardHost, CardHostOptions, OpenOptions } from './card-host';
import type { Mark } from './marks';

/** What the card module (a separate script, loaded on first open) hands back. */
export type CardHostFactory = (options: CardHostOptions) => CardHost;

/** Global the card module sets in the content script's world when it is imported. */
export const CARD_MODULE_GLOBAL = '__contextExplainersCardHost';

/**
 * A CardHost that loads the real one (Preact, the card view, Floating UI) only when a card first
 * opens, so the script injected into every page stays small.
 */
export function createLazyCardHost(options: CardHostOptions, load: () => Promise<CardHostFactory>): CardHost {
  let real: CardHost | null = null;
  let loading: Promise<CardHost> | null = null;
  let wanted: { mark: Mark; options: OpenOptions } | null = null;
  let removed = false;

  const ensure = () =>
    (loading ??= load().then((factory) => (real = factory(options))));

  return {
    open(mark, openOptions) {
      if (real) return real.open(mark, openOptions);
      wanted = { mark, options: openOptions };
      void ensure().then(
        (host) => {
          if (removed) return host.remove();
          if (wanted) host.open(wanted.mark, wanted.options);
          wanted = null;
        },
        () => {
          loading = null;
          wanted = null;
        },
      );
    },
    close(closeOptions) {
      wanted = null;
      real?.close(closeOptions);
    },
    get openMark() {
      return real ? real.openMark : (wanted?.mark ?? null);
    },
    owns(target) {
      return real?.owns(target) ?? false;
    },
    remove() {
      removed = true;
      wanted = null;
      real?.remove();
    },
  };
}
