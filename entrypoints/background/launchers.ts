import { escapeOmniboxXml, OMNIBOX_ID_PREFIX, omniboxTarget, queryFromSelection } from './open-explainer';

/** The one context-menu item: "Explain “…”" on a selection. */
export const EXPLAIN_MENU_ID = 'explain-selection';
/** Chrome shows at most a handful of omnibox suggestions; more would only be cut. */
export const OMNIBOX_SUGGESTIONS = 6;

export type OpenExplainer = (id: string, query?: string) => Promise<unknown>;

export interface ContextMenusApi {
  removeAll(): Promise<void>;
  create(properties: { id: string; title: string; contexts: ['selection'] }): unknown;
}

/**
 * Context menus persist across service-worker restarts, so they are created once per install or
 * update; removing first keeps an update from failing on the id it already holds.
 */
export async function installExplainMenu(menus: ContextMenusApi, title: string): Promise<void> {
  await menus.removeAll();
  await menus.create({ id: EXPLAIN_MENU_ID, title, contexts: ['selection'] });
}

/** A click on "Explain “…”" opens the explainer search with the selected text. */
export function createMenuClickHandler(open: OpenExplainer) {
  return (info: { menuItemId: string | number; selectionText?: string }): Promise<unknown> | undefined => {
    if (info.menuItemId !== EXPLAIN_MENU_ID || !info.selectionText) return undefined;
    const query = queryFromSelection(info.selectionText);
    if (query === '') return undefined;
    return open('', query);
  };
}

export interface OmniboxSuggestion {
  content: string;
  description: string;
}

export interface OmniboxDeps {
  search(text: string, limit: number): Promise<readonly { id: string; title: string; summary: string }[]>;
  open: OpenExplainer;
}

/** `ex <words>` in the address bar: suggestions while typing, and Enter opens a pick or a search. */
export function createOmniboxHandlers({ search, open }: OmniboxDeps) {
  return {
    inputChanged: async (text: string, suggest: (suggestions: OmniboxSuggestion[]) => void): Promise<void> => {
      const results = await search(text, OMNIBOX_SUGGESTIONS).catch(() => []);
      suggest(
        results.map((result) => ({
          content: `${OMNIBOX_ID_PREFIX}${result.id}`,
          description: escapeOmniboxXml(`${result.title} — ${result.summary}`),
        })),
      );
    },
    inputEntered: (text: string): Promise<unknown> => {
      const { id, query } = omniboxTarget(text);
      return open(id, query);
    },
  };
}
