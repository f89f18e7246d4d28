import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { ExplainerView } from '../../lib/messages';
import type { Source } from '../../lib/pack-format/types';
import { categoryLabel, type MessageKey } from '../../lib/i18n';
import { useLang } from '../lang';
import { newestAsOf } from '../../lib/freshness';
import { formatDate, formatMonth } from '../format';
import { FactDate } from '../FactDate';
import { ExternalLink, RichBlocks } from '../RichText';
import { groupByPublisher } from '../publishers';
import { SeriesChart } from './SeriesChart';
import { Contents } from './Contents';
import { anchorId, buildNotes } from './notes';
import { NoteRefs, SourceNotes } from './SourceNotes';
import { explainerPath } from '../../lib/explainer-url';

/** Section names double as `data-section` values, which the e2e tests select on. */
type SectionName = 'happening' | 'stake' | 'matters' | 'facts' | 'timeline' | 'primary' | 'further' | 'related' | 'corrections' | 'notes';

const SECTION_TITLES: Record<SectionName, MessageKey> = {
  happening: 'sectionHappening',
  stake: 'sectionStake',
  matters: 'sectionMatters',
  facts: 'sectionFacts',
  timeline: 'sectionTimeline',
  primary: 'sectionPrimary',
  further: 'sectionFurther',
  related: 'sectionRelated',
  corrections: 'sectionCorrections',
  notes: 'sectionNotes',
};

function Section({ name, explainerId, children }: { name: SectionName; explainerId: string; children: ComponentChildren }) {
  const headingId = useId();
  const { t, lang } = useLang();
  return (
    <section class={`section section-${name}`} id={anchorId(explainerId, name)} data-section={name} aria-labelledby={headingId}>
      <h2 id={headingId} lang={lang}>
        {t(SECTION_TITLES[name])}
      </h2>
      {children}
    </section>
  );
}

/**
 * Primary sources or further reading, by publisher: a publisher listed once reads "Title — Publisher";
 * one listed more often heads its titles once ("Federal Register / USCIS (2 reports)").
 */
function SourceList({ sources, known }: { sources: readonly Source[]; known: readonly Source[] }) {
  const { t } = useLang();
  // The list's own entries first: the same URL may be listed elsewhere under another publisher.
  const groups = groupByPublisher(
    sources.map((source) => source.url),
    [...sources, ...known],
  );
  const titled = (url: string) => sources.find((source) => source.url === url)?.title ?? url;
  return (
    <ul class="source-list">
      {groups.map((group) =>
        group.urls.length === 1 ? (
          <li key={group.name} data-testid="source-item">
            <ExternalLink href={group.urls[0]!}>{titled(group.urls[0]!)}</ExternalLink>
            <span class="publisher" data-testid="source-publisher">
              {' '}
              — {group.name}
            </span>
          </li>
        ) : (
          <li key={group.name} class="source-group" data-testid="source-item">
            <span class="publisher" data-testid="source-publisher">
              {t('publisherCount', [group.name, group.urls.length])}
            </span>
            <ul>
              {group.urls.map((url) => (
                <li key={url}>
                  <ExternalLink href={url}>{titled(url)}</ExternalLink>
                </li>
              ))}
            </ul>
          </li>
        ),
      )}
    </ul>
  );
}


/**
 * The full explainer: every section of the source format, in the authored order. `now` is the
 * reader's clock (ms), which decides which figures are marked as older; tests pin it.
 */
export function ExplainerPage({ view, now = Date.now() }: { view: ExplainerView; now?: number }) {
  const { explainer, related } = view;
  const { staleAfterDays } = view;
  const id = explainer.id;
  // The page speaks the reader's language (`ui`); the explainer's text is in `view.lang`, the other one when not yet translated.
  const { t, locale, lang: ui } = useLang();
  const figuresAsOf = newestAsOf(explainer.facts);
  const corrections = [...(explainer.corrections ?? [])].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const known = [...explainer.primarySources, ...explainer.furtherReading];
  const { sections } = explainer;
  const series = explainer.series ?? [];
  const hasFacts = explainer.facts.length > 0 || (sections.context?.length ?? 0) > 0 || series.length > 0;
  const notes = buildNotes(explainer);

  const shown: Record<SectionName, boolean> = {
    happening: true,
    stake: true,
    matters: true,
    facts: hasFacts,
    timeline: explainer.timeline.length > 0,
    primary: explainer.primarySources.length > 0,
    further: explainer.furtherReading.length > 0,
    related: related.length > 0,
    corrections: corrections.length > 0,
    notes: notes.groups.length > 0,
  };
  const contents = (Object.keys(SECTION_TITLES) as SectionName[]).filter((name) => shown[name]).map((name) => ({ name, title: SECTION_TITLES[name] }));

  return (
    <article class="explainer" data-explainer={id} lang={view.lang}>
      <header class="explainer-header">
        <p class="category" lang={ui}>
          {categoryLabel(explainer.category, t)}
        </p>
        <h1 data-testid="explainer-title" tabIndex={-1}>
          {explainer.title}
        </h1>
        <p class="reviewed" data-testid="reviewed">
          <time dateTime={explainer.updated}>{t('reviewedOn', formatDate(explainer.updated, locale))}</time>
        </p>
        <p class="lead">{explainer.summary}</p>
        {view.lang !== ui ? (
          <p class="translation-note" lang={ui} data-testid="translation-note">
            {t('translationMissing')}
          </p>
        ) : null}
        {figuresAsOf ? (
          <p class="figures-as-of" lang={ui} data-testid="figures-as-of">
            {t('figuresAsOf', formatMonth(figuresAsOf, locale))}
          </p>
        ) : null}
      </header>

      <Contents explainerId={id} sections={contents} />

      <Section name="happening" explainerId={id}>
        <RichBlocks blocks={sections.happening} />
      </Section>
      <Section name="stake" explainerId={id}>
        <RichBlocks blocks={sections.stake} />
      </Section>
      <Section name="matters" explainerId={id}>
        <RichBlocks blocks={sections.matters} />
      </Section>

      {shown.facts ? (
        <Section name="facts" explainerId={id}>
          {sections.context ? <RichBlocks blocks={sections.context} /> : null}
          {explainer.facts.length > 0 ? (
            <ul class="facts">
              {explainer.facts.map((fact, index) => (
                <li key={index} id={anchorId(id, `fact-${index + 1}`)} tabIndex={-1} data-testid="fact">
                  {fact.text}
                  <NoteRefs explainerId={id} urls={fact.sources} notes={notes} citation={{ kind: 'fact', index }} />{' '}
                  {fact.asOf ? (
                    <span class="fact-meta">
                      <FactDate asOf={fact.asOf} staleAfterDays={staleAfterDays} now={now} prefix="" testId="fact-as-of" />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {series.length > 0 ? (
            <>
              <h3 lang={ui}>{t('inNumbers')}</h3>
              {series.map((s, index) => (
                <SeriesChart key={index} series={s} known={known} />
              ))}
            </>
          ) : null}
        </Section>
      ) : null}

      {shown.timeline ? (
        <Section name="timeline" explainerId={id}>
          <ol class="timeline">
            {explainer.timeline.map((entry, index) => (
              <li key={index} id={anchorId(id, `event-${index + 1}`)} tabIndex={-1} data-testid="timeline-entry">
                <time dateTime={entry.date} lang={ui}>
                  {formatDate(entry.date, locale)}
                </time>
                <p>
                  {entry.text}
                  {entry.sources ? <NoteRefs explainerId={id} urls={entry.sources} notes={notes} citation={{ kind: 'event', index }} /> : null}
                </p>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {shown.primary ? (
        <Section name="primary" explainerId={id}>
          <SourceList sources={explainer.primarySources} known={known} />
        </Section>
      ) : null}

      {shown.further ? (
        <Section name="further" explainerId={id}>
          <SourceList sources={explainer.furtherReading} known={known} />
        </Section>
      ) : null}

      {shown.related ? (
        <Section name="related" explainerId={id}>
          <ul class="related">
            {related.map((item) => (
              <li key={item.id} lang={item.lang}>
                <a href={explainerPath(item.id)}>{item.title}</a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {shown.corrections ? (
        <Section name="corrections" explainerId={id}>
          <ul class="corrections">
            {corrections.map((correction, index) => (
              <li key={index} data-testid="correction">
                <time dateTime={correction.date} lang={ui}>
                  {formatDate(correction.date, locale)}
                </time>
                {': '}
                {correction.text}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {shown.notes ? (
        <Section name="notes" explainerId={id}>
          <SourceNotes explainerId={id} notes={notes} timelineDates={explainer.timeline.map((entry) => entry.date)} />
        </Section>
      ) : null}

      <p class="updated" lang={ui} data-testid="updated">
        <time dateTime={explainer.updated}>{t('updatedOn', formatDate(explainer.updated, locale))}</time>
      </p>
    </article>
  );
}
