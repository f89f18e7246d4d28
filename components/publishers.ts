import type { Source } from '../lib/pack-format/types';
import { sourceHost } from '../lib/safe-url';

/**
 * Names for hosts the bundled explainers cite most without a listed publisher. Kept small on purpose:
 * a pack names its own publishers; this only stops the commonest citations showing as bare hosts.
 */
const HOST_PUBLISHERS: Readonly<Record<string, string>> = {
  'ice.gov': 'ICE',
  'dhs.gov': 'DHS',
  'uscis.gov': 'USCIS',
  'cbp.gov': 'CBP',
  'justice.gov': 'Department of Justice',
  'whitehouse.gov': 'The White House',
  'congress.gov': 'Congress.gov',
  'govinfo.gov': 'GovInfo',
  'federalregister.gov': 'Federal Register',
  'gao.gov': 'GAO',
  'supremecourt.gov': 'Supreme Court of the United States',
  'uscode.house.gov': 'Office of the Law Revision Counsel',
  'everycrsreport.com': 'Congressional Research Service (via EveryCRSReport)',
  'tracreports.org': 'TRAC',
  'trac.syr.edu': 'TRAC',
  'immigrationforum.org': 'National Immigration Forum',
  'immpolicytracking.org': 'Immigration Policy Tracking Project',
  'austinkocher.substack.com': 'Austin Kocher',
  'particle.news': 'Particle',
  'einpresswire.com': 'EIN Presswire',
  'cbsnews.com': 'CBS News',
  'scotusblog.com': 'SCOTUSblog',
  'aila.org': 'American Immigration Lawyers Association',
  'en.wikipedia.org': 'Wikipedia',
  'en.wikisource.org': 'Wikisource',
  'regulations.justia.com': 'Justia',
};

/**
 * Hosts that carry many publishers' work (press wires, archives, document copies): a publisher the
 * pack names for one page there says nothing about another page on the same host.
 */
const SHARED_HOSTS = new Set(['einpresswire.com', 'webarchive.library.unt.edu', 'web.archive.org', 'scribd.com', 'tr.scribd.com', 'docslib.org', 'medium.com']);

/**
 * Who published `url`, for showing instead of its host: the publisher the explainer lists for that
 * URL; else the one it lists for every other page on the same host (when they all agree and the host
 * is not a shared one); else a known host's name; else the host itself ("miamidaily.life").
 */
export function publisherName(url: string, known: readonly Source[] = []): string {
  const exact = known.find((source) => source.url === url)?.publisher?.trim();
  if (exact) return exact;
  const host = sourceHost(url);
  if (!SHARED_HOSTS.has(host)) {
    const onHost = new Set(known.filter((source) => sourceHost(source.url) === host).map((source) => source.publisher?.trim() ?? ''));
    if (onHost.size === 1) {
      const [only] = onHost;
      if (only) return only;
    }
  }
  return HOST_PUBLISHERS[host] ?? host;
}

export interface PublisherGroup {
  /** The publisher's name (or the host, when no publisher is known). */
  name: string;
  /** Distinct URLs from this publisher, in the order they were first cited. */
  urls: string[];
}

/** Distinct URLs grouped by publisher, publishers in the order they are first cited. */
export function groupByPublisher(urls: readonly string[], known: readonly Source[] = []): PublisherGroup[] {
  const groups = new Map<string, PublisherGroup>();
  for (const url of urls) {
    const name = publisherName(url, known);
    const group = groups.get(name) ?? { name, urls: [] };
    if (!group.urls.includes(url)) group.urls.push(url);
    groups.set(name, group);
  }
  return [...groups.values()];
}
