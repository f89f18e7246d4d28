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
import { SourceLinks } from '../SourceLinks';
import { SeriesChart } from './SeriesChart';
import { explainerPath } from '../../lib/explainer-url';

/** Section names double as `data-section` values, which the e2e tests select on. */
type SectionName = 'happening' | 'stake' | 'matters' | 'facts' | 'timeline' | 'primary' | 'further' | 'related' | 'corrections';

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
};

function Section({ name, children }: { name: SectionName; children: ComponentChildren }) {
  const headingId = useId();
  const { t, lang } = useLang();
  return (
    <section class={`section section-${name}`} data-section={name} aria-labelledby={headingId}>
      <h2 id={headingId} lang={lang}>
        {t(SECTION_TITLES[name])}
      </h2>
      {children}
    </section>
  );
}

function SourceList({ sources }: { sources: readonly Source[] }) {
  return (
    <ul class="source-list">
      {sources.map((source) => (
        <li key={source.url}>
          <ExternalLink href={source.url}>{source.title}</ExternalLink>
          {source.publisher ? <span class="publisher"> — {source.publisher}</span> : null}
        </li>
      ))}
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
  // The page speaks the reader's language (`ui`); the explainer's text is in `view.lang`, the other one when not yet translated.
  const { t, locale, lang: ui } = useLang();
  const figuresAsOf = newestAsOf(explainer.facts);
  const corrections = [...(explainer.corrections ?? [])].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const known = [...explainer.primarySources, ...explainer.furtherReading];
  const { sections } = explainer;
  const series = explainer.series ?? [];
  const hasFacts = explainer.facts.length > 0 || (sections.context?.length ?? 0) > 0 || series.length > 0;

  return (
    <article class="explainer" data-explainer={explainer.id} lang={view.lang}>
      <header class="explainer-header">
        <p class="category" lang={ui}>
          {categoryLabel(explainer.category, t)}
        </p>
        <h1 data-testid="explainer-title" tabIndex={-1}>
          {explainer.title}
        </h1>
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

      <Section name="happening">
        <RichBlocks blocks={sections.happening} />
      </Section>
      <Section name="stake">
        <RichBlocks blocks={sections.stake} />
      </Section>
      <Section name="matters">
        <RichBlocks blocks={sections.matters} />
      </Section>

      {hasFacts ? (
        <Section name="facts">
          {sections.context ? <RichBlocks blocks={sections.context} /> : null}
          {explainer.facts.length > 0 ? (
            <ul class="facts">
              {explainer.facts.map((fact, index) => (
                <li key={index} data-testid="fact">
                  {fact.text}{' '}
                  <span class="fact-meta">
                    {fact.asOf ? <FactDate asOf={fact.asOf} staleAfterDays={staleAfterDays} now={now} prefix="" testId="fact-as-of" /> : null}
                    <SourceLinks class="sources" urls={fact.sources} known={known} />
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {series.length > 0 ? (
            <>
              <h3 lang={ui}>{t('inNumbers')}</h3>
              {series.map((s, index) => (
                <SeriesChart key={index} series={s} />
              ))}
            </>
          ) : null}
        </Section>
      ) : null}

      {explainer.timeline.length > 0 ? (
        <Section name="timeline">
          <ol class="timeline">
            {explainer.timeline.map((entry, index) => (
              <li key={index}>
                <time dateTime={entry.date} lang={ui}>
                  {formatDate(entry.date, locale)}
                </time>
                <p>
                  {entry.text} {entry.sources ? <SourceLinks class="sources" urls={entry.sources} known={known} /> : null}
                </p>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {explainer.primarySources.length > 0 ? (
        <Section name="primary">
          <SourceList sources={explainer.primarySources} />
        </Section>
      ) : null}

      {explainer.furtherReading.length > 0 ? (
        <Section name="further">
          <SourceList sources={explainer.furtherReading} />
        </Section>
      ) : null}

      {related.length > 0 ? (
        <Section name="related">
          <ul class="related">
            {related.map((item) => (
              <li key={item.id} lang={item.lang}>
                <a href={explainerPath(item.id)}>{item.title}</a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {corrections.length > 0 ? (
        <Section name="corrections">
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

      <p class="updated" lang={ui} data-testid="updated">
        <time dateTime={explainer.updated}>{t('updatedOn', formatDate(explainer.updated, locale))}</time>
      </p>
    </article>
  );
}
