import { DEFAULT_STALE_AFTER_DAYS } from '../../lib/freshness';
import type { ExplainerView } from '../../lib/messages';

/** An explainer that fills every section of the source format, for page tests. */
export function fullExplainerView(): ExplainerView {
  return {
    explainer: {
      id: '287g-program',
      title: '287(g) program',
      summary: 'A federal program under which ICE deputizes trained state and local officers.',
      category: 'Federal programs',
      updated: '2026-02-18',
      terms: [{ text: '287(g)', caseSensitive: false }],
      related: ['ice', 'immigration-detainer'],
      facts: [
        { text: 'ICE data showed 1,412 active 287(g) agreements.', sources: ['https://miamidaily.life/news/x'], asOf: '2026-02-13' },
        { text: 'ICE offers three models.', sources: ['https://www.ice.gov/287g', 'https://gao.gov/products/gao-21-186'] },
        { text: 'Joining is voluntary under federal law.', sources: ['https://gigafact.org/fact-briefs/x'] },
      ],
      timeline: [
        { date: '1996-09-30', text: 'IIRIRA adds subsection (g).', sources: ['https://en.wikisource.org/wiki/x'] },
        { date: '2002', text: 'The first agreement is signed.' },
        { date: '2026-02', text: 'Maryland bars agreements.', sources: ['https://mgaleg.maryland.gov/x'] },
      ],
      primarySources: [{ title: 'Delegation of Immigration Authority', url: 'https://www.ice.gov/287g', publisher: 'ICE' }],
      furtherReading: [{ title: 'Reviving the 287(g) agreements', url: 'https://immigrationforum.org/article/x', publisher: 'National Immigration Forum' }],
      sections: {
        happening: [{ t: 'p', c: [{ t: 'text', v: 'Agreements have surged.' }] }],
        stake: [{ t: 'ul', items: [[{ t: 'text', v: 'Local trust.' }], [{ t: 'text', v: 'Costs.' }]] }],
        matters: [{ t: 'p', c: [{ t: 'strong', c: [{ t: 'text', v: 'Who enforces' }] }, { t: 'text', v: ' immigration law.' }] }],
        context: [{ t: 'p', c: [{ t: 'text', v: 'Counts differ by source.' }] }],
      },
      series: [
        {
          title: '287(g) agreements over time',
          unit: 'agreements',
          note: 'ICE counts agreements; trackers count agencies.',
          points: [
            { date: '2017-01', value: 35, label: 'Jan 2017', source: 'https://gao.gov/products/gao-21-186' },
            { date: '2020-09', value: 150, source: 'https://gao.gov/products/gao-21-186' },
            { date: '2025-01', value: 135, label: 'Jan 2025', source: 'https://www.dhs.gov/news/x' },
            { date: '2026-02-13', value: 1412, label: 'Feb 2026', source: 'https://miamidaily.life/news/x' },
          ],
        },
      ],
    },
    lang: 'en',
    related: [
      { id: 'ice', title: 'ICE', lang: 'en' },
      { id: 'immigration-detainer', title: 'Immigration detainer', lang: 'en' },
    ],
    staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
  };
}
