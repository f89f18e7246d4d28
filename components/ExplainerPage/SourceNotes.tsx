import { Fragment } from 'preact';
import { sourceHost } from '../../lib/safe-url';
import { formatDate } from '../format';
import { ExternalLink } from '../RichText';
import { useLang } from '../lang';
import { anchorId, citationPart, type Citation, type Notes } from './notes';

/** Longest link text for a source the explainer gives no title for. */
const MAX_URL_TEXT = 60;

/** A readable stand-in for an untitled source: host and path, without the scheme, cut short. */
function shortUrl(url: string): string {
  let text = url;
  try {
    const parsed = new URL(url);
    text = `${sourceHost(url)}${parsed.pathname === '/' && parsed.search === '' ? '' : parsed.pathname}${parsed.search}`;
  } catch {
    // Not a URL: shown as given.
  }
  return text.length > MAX_URL_TEXT ? `${text.slice(0, MAX_URL_TEXT - 1)}…` : text;
}

/** The superscript note numbers after a fact or timeline entry, each linking into the source list. */
export function NoteRefs({ explainerId, urls, notes, citation }: { explainerId: string; urls: readonly string[]; notes: Notes; citation: Citation }) {
  const numbers = [...new Set(urls.flatMap((url) => notes.numberOf.get(url) ?? []))].sort((a, b) => a - b);
  const { t } = useLang();
  if (numbers.length === 0) return null;
  const publisherOf = (number: number) => notes.groups.find((group) => group.notes.some((note) => note.number === number))?.publisher ?? '';
  return (
    <span class="note-refs">
      {numbers.map((number) => (
        <sup key={number}>
          <a
            class="note-ref"
            href={`#${anchorId(explainerId, `note-${number}`)}`}
            id={anchorId(explainerId, `ref-${citationPart(citation)}-${number}`)}
            aria-label={t('noteRef', [number, publisherOf(number)])}
            data-testid="note-ref"
          >
            [{number}]
          </a>
        </sup>
      ))}
    </span>
  );
}

/**
 * The numbered sources at the end of the page, grouped by publisher ("TRAC, Syracuse University
 * (3 reports)"), each with links back to the facts and timeline entries that cite it.
 */
export function SourceNotes({ explainerId, notes, timelineDates }: { explainerId: string; notes: Notes; timelineDates: readonly string[] }) {
  const { t, locale } = useLang();
  const backLabel = (citation: Citation) =>
    citation.kind === 'fact' ? t('noteBackFact', citation.index + 1) : t('noteBackEvent', formatDate(timelineDates[citation.index] ?? '', locale));
  return (
    <ul class="note-groups">
      {notes.groups.map((group) => {
        const single = group.notes.length === 1;
        return (
          <li key={group.publisher} class={single ? 'note-group note-single' : 'note-group'} data-testid="note-group">
            {single ? null : (
              <p class="note-publisher" data-testid="note-publisher">
                {t('publisherCount', [group.publisher, group.notes.length])}
              </p>
            )}
            <ol class="notes" start={group.notes[0]?.number}>
              {group.notes.map((note) => {
                const text = note.source?.title ?? shortUrl(note.url);
                // A lone source names its publisher in line, unless its link text already starts with it (a bare host).
                const inline = single && !text.startsWith(group.publisher);
                return (
                  <li key={note.url} id={anchorId(explainerId, `note-${note.number}`)} tabIndex={-1} data-testid="note">
                    {inline ? (
                      <>
                        <span class="note-publisher" data-testid="note-publisher">
                          {group.publisher}
                        </span>
                        {': '}
                      </>
                    ) : null}
                    <ExternalLink href={note.url} class="note-link">
                      {text}
                    </ExternalLink>
                    <span class="note-back">
                      {' '}
                      {t('citedIn')}{' '}
                      {note.citedBy.map((citation, index) => (
                        <Fragment key={citationPart(citation)}>
                          {index > 0 ? ', ' : null}
                          <a href={`#${anchorId(explainerId, citationPart(citation))}`} data-testid="note-back">
                            {backLabel(citation)}
                          </a>
                        </Fragment>
                      ))}
                    </span>
                  </li>
                );
              })}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}
