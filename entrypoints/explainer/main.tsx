import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ExplainerPageApp, type ExplainerPageData } from '../../components/ExplainerPage/ExplainerPageApp';
import { LangProvider } from '../../components/lang';
import { sendToBackground } from '../../lib/messaging';
import { browserLanguage, wantedLanguage, type ReaderLang } from '../../lib/reader-lang';
import { loadSettings, watchSettings, type Settings } from '../../lib/settings';
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

/** Explainers in the reader's chosen language; with "match the page", the browser's. */
const shownLanguage = (settings: Settings): ReaderLang => wantedLanguage(settings.explainerLanguage, browserLanguage());

const dataIn = (lang: ReaderLang): ExplainerPageData => ({
  getExplainer: (id) => sendToBackground('getExplainer', { id, lang }),
  listExplainers: () => sendToBackground('listExplainers', { lang }),
  search: (query) => sendToBackground('search', { query, limit: 10, lang }),
});

/** `explainer.html?q=…` opens the index with that search (context menu, omnibox, keyboard shortcut). */
const initialQuery = new URLSearchParams(location.search).get('q') ?? undefined;

const setTitle = (title: string) => {
  document.title = title;
};

function App({ initialLang }: { initialLang: ReaderLang }) {
  const [id, setId] = useState(idFromHash);
  // The language follows the setting while the page is open.
  const [lang, setLang] = useState(initialLang);
  useEffect(() => watchSettings((settings) => setLang(shownLanguage(settings))), []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const data = useMemo(() => dataIn(lang), [lang]);
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
    <LangProvider lang={lang}>
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
    </LangProvider>
  );
}

void loadSettings().then(shownLanguage, browserLanguage).then((initialLang) => {
  render(<App initialLang={initialLang} />, document.getElementById('app')!);
});
