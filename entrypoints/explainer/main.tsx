import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ExplainerPageApp, type ExplainerPageData } from '../../components/ExplainerPage/ExplainerPageApp';
import { sendToBackground } from '../../lib/messaging';
import './style.css';

/** `explainer.html#<id>` shows one explainer; no hash shows the index. */
function idFromHash(): string | null {
  const raw = location.hash.replace(/^#/, '');
  if (raw === '') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
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
    const onHashChange = () => {
      setId(idFromHash());
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
      onOpen={(next) => {
        location.hash = encodeURIComponent(next);
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
