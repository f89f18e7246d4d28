import type { Explainer, Source } from '../../lib/pack-format/types';
import { safeHref } from '../../lib/safe-url';
import { groupByPublisher } from '../publishers';

/** Where a source is cited: the nth key fact or timeline entry (0-based). */
export interface Citation {
  kind: 'fact' | 'event';
  index: number;
}

interface Note {
  /** 1-based, as the reader sees it. */
  number: number;
  url: string;
  /** The explainer's listing of this URL (title, publisher), when it has one. */
  source: Source | undefined;
  citedBy: Citation[];
}

interface NoteGroup {
  publisher: string;
  notes: Note[];
}

export interface Notes {
  groups: NoteGroup[];
  /** The note number of each cited URL. */
  numberOf: ReadonlyMap<string, number>;
}

/**
 * The numbered source list behind the key facts and the timeline: one note per distinct URL, grouped
 * by publisher (publishers in order of first citation), numbered straight through the groups so the
 * list reads 1, 2, 3… from the top. Unsafe URLs get no note, as they get no link.
 */
export function buildNotes(explainer: Pick<Explainer, 'facts' | 'timeline' | 'primarySources' | 'furtherReading'>): Notes {
  const known = [...explainer.primarySources, ...explainer.furtherReading];
  const citedBy = new Map<string, Citation[]>();
  const cite = (urls: readonly string[] | undefined, citation: Citation) => {
    for (const url of urls ?? []) {
      if (safeHref(url) === null) continue;
      const list = citedBy.get(url) ?? [];
      if (!list.some((c) => c.kind === citation.kind && c.index === citation.index)) list.push(citation);
      citedBy.set(url, list);
    }
  };
  explainer.facts.forEach((fact, index) => cite(fact.sources, { kind: 'fact', index }));
  explainer.timeline.forEach((entry, index) => cite(entry.sources, { kind: 'event', index }));

  const numberOf = new Map<string, number>();
  let next = 1;
  const groups = groupByPublisher([...citedBy.keys()], known).map(({ name, urls }) => ({
    publisher: name,
    notes: urls.map((url) => {
      const number = next++;
      numberOf.set(url, number);
      return { number, url, source: known.find((s) => s.url === url), citedBy: citedBy.get(url) ?? [] };
    }),
  }));
  return { groups, numberOf };
}

/**
 * Element ids inside one explainer's page. The explainer id comes first so the URL hash
 * (`explainer.html#tps:note-3`) still names the explainer, and a ':' cannot occur in an explainer id.
 */
export function anchorId(explainerId: string, part: string): string {
  return `${explainerId}:${part}`;
}

export const citationPart = (citation: Citation): string => `${citation.kind}-${citation.index + 1}`;
