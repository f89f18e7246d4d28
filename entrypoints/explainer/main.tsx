import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ExplainerPageApp, type ExplainerPageData } from '../../components/ExplainerPage/ExplainerPageApp';
import { sendToBackground } from '../../lib/messaging';
import './style.css';

/** The whole hash, decoded: `<id>` or `<id>:<place>` (a section, fact or note on that explainer's page). */
function rawHash(): string {
  const raw = location.hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * `explainer.html#<id>` shows one explainer, `#<id>:<place>` the same explainer at that place (an
 * explainer id has no ':'); no hash shows the index.
 */
function idFromHash(): string | null {
  const id = rawHash().split(':')[0] ?? '';
  return id === '' ? null : id;
}

/** The element id to scroll to once the explainer is shown, when the hash names a place in it. */
function targetFromHash(): string | null {
  const hash = rawHash();
  return hash.includes(':') ? hash : null;
}

const data: ExplainerPageData = {
  getExplainer: (id) => sendToBackground('getExplainer', { id }),
  listExplainers: () => sendToBackground('listExplainers', {}),
  search: (query) => sendToBackground('search', { query, limit: 10 }),
};

/** `explainer.html?q=…` opens the index with that search (context menu, omnibox, keyboard shortcut). */
const initialQuery = new URLSearchParams(location.search).get('q') ?? undefined;

const setTitle = (title: string) => {
  document.title = title;
};

function App() {
  const [id, setId] = useState(idFromHash);
  useEffect(() => {
    let shown = idFromHash();
    const onHashChange = () => {
      // A jump within the page (contents, notes, back-links) is the browser's own fragment scroll.
      const next = idFromHash();
      if (next === shown) return;
      shown = next;
      setId(next);
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return (
    <ExplainerPageApp
      id={id}
      data={data}
      onTitle={setTitle}
      initialQuery={initialQuery}
      target={targetFromHash()}
      onOpen={(next) => {
        location.hash = encodeURIComponent(next);
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
