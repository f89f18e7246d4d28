import { describe, expect, it } from 'vitest';
import { createMenuClickHandler, createOmniboxHandlers, EXPLAIN_MENU_ID, installExplainMenu, OMNIBOX_SUGGESTIONS, type OmniboxSuggestion } from './launchers';
import { MAX_QUERY_LENGTH } from './open-explainer';

function recordOpens() {
  const opened: [string, string | undefined][] = [];
  const open = async (id: string, query?: string) => {
    opened.push([id, query]);
  };
  return { opened, open };
}

describe('context menu', () => {
  it('replaces any earlier item with one selection item titled by the caller', async () => {
    const calls: string[] = [];
    await installExplainMenu(
      {
        removeAll: async () => void calls.push('removeAll'),
        create: (properties) => void calls.push(`create ${properties.id} ${properties.title} ${properties.contexts.join()}`),
      },
      'Explain “%s”',
    );
    expect(calls).toEqual(['removeAll', `create ${EXPLAIN_MENU_ID} Explain “%s” selection`]);
  });

  it('opens the search with the selection, whitespace collapsed and cut to the query limit', async () => {
    const { opened, open } = recordOpens();
    const click = createMenuClickHandler(open);
    await click({ menuItemId: EXPLAIN_MENU_ID, selectionText: '  287(g)\n\tagreements ' });
    await click({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'x'.repeat(MAX_QUERY_LENGTH + 50) });
    expect(opened).toEqual([
      ['', '287(g) agreements'],
      ['', 'x'.repeat(MAX_QUERY_LENGTH)],
    ]);
  });

  it('ignores other menu items and empty or blank selections', async () => {
    const { opened, open } = recordOpens();
    const click = createMenuClickHandler(open);
    expect(click({ menuItemId: 'another-extension-item', selectionText: 'ICE' })).toBeUndefined();
    expect(click({ menuItemId: EXPLAIN_MENU_ID })).toBeUndefined();
    expect(click({ menuItemId: EXPLAIN_MENU_ID, selectionText: ' \n ' })).toBeUndefined();
    expect(opened).toEqual([]);
  });
});

describe('omnibox', () => {
  const results = [
    { id: '287g-program', title: '287(g) program', summary: 'Local police & ICE <together>' },
    { id: 'ice', title: 'ICE', summary: 'The agency' },
  ];

  it('suggests search results as explainer picks, with XML-escaped descriptions, asking for a bounded number', async () => {
    const asked: [string, number][] = [];
    const { open } = recordOpens();
    const omnibox = createOmniboxHandlers({
      search: async (text, limit) => {
        asked.push([text, limit]);
        return results;
      },
      open,
    });
    let suggested: OmniboxSuggestion[] = [];
    await omnibox.inputChanged('287g', (suggestions) => (suggested = suggestions));
    expect(asked).toEqual([['287g', OMNIBOX_SUGGESTIONS]]);
    expect(suggested).toEqual([
      { content: 'explainer:287g-program', description: '287(g) program — Local police &amp; ICE &lt;together&gt;' },
      { content: 'explainer:ice', description: 'ICE — The agency' },
    ]);
  });

  it('suggests nothing, without throwing, when the catalog cannot answer', async () => {
    const { open } = recordOpens();
    const omnibox = createOmniboxHandlers({ search: () => Promise.reject(new Error('catalog not loaded')), open });
    let suggested: OmniboxSuggestion[] | undefined;
    await omnibox.inputChanged('ice', (suggestions) => (suggested = suggestions));
    expect(suggested).toEqual([]);
  });

  it('opens a picked suggestion as that explainer and typed text as a search', async () => {
    const { opened, open } = recordOpens();
    const omnibox = createOmniboxHandlers({ search: async () => results, open });
    await omnibox.inputEntered('explainer:ice');
    await omnibox.inputEntered('  sanctuery cities ');
    expect(opened).toEqual([
      ['ice', undefined],
      ['', 'sanctuery cities'],
    ]);
  });
});
