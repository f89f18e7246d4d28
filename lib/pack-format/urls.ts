import type { Block, Explainer, Inline, ExplainerSections } from './types';

/**
 * The one URL rule for packs, shared by the compiler and the runtime door check: links are
 * absolute `https:` URLs, or `http:` URLs an editor has listed (with a reason) in
 * `content/http-allowlist.json`. Everything else — `javascript:`, `data:`, relative paths — is refused.
 */

export interface HttpAllowlistEntry {
  /** An exact http URL, or a prefix ending in "/" that covers everything under it. */
  url: string;
  /** Why this site cannot be linked over https (kept for reviewers, not used at run time). */
  reason: string;
}

export type HttpAllowlist = readonly HttpAllowlistEntry[];

/** Parses the allow-list JSON, naming the bad entry; throws an Error listing every problem. */
export function parseHttpAllowlist(json: unknown, sourceName = 'http-allowlist.json'): HttpAllowlistEntry[] {
  if (!Array.isArray(json)) throw new Error(`${sourceName}: expected a JSON array of {url, reason}`);
  const problems: string[] = [];
  const entries: HttpAllowlistEntry[] = [];
  json.forEach((entry: unknown, index) => {
    const record = entry as Partial<HttpAllowlistEntry> | null;
    if (typeof record !== 'object' || record === null) {
      problems.push(`[${index}]: expected an object {url, reason}`);
      return;
    }
    if (typeof record.url !== 'string' || !/^http:\/\/[^\s/]+/.test(record.url)) {
      problems.push(`[${index}].url: expected an absolute http:// URL`);
      return;
    }
    if (typeof record.reason !== 'string' || record.reason.trim() === '') {
      problems.push(`[${index}].reason: say why this site cannot be linked over https`);
      return;
    }
    entries.push({ url: record.url, reason: record.reason });
  });
  if (problems.length > 0) throw new Error(problems.map((p) => `${sourceName}${p}`).join('\n'));
  return entries;
}

function isAllowlisted(url: string, allowlist: HttpAllowlist): boolean {
  return allowlist.some((entry) => (entry.url.endsWith('/') ? url.startsWith(entry.url) : url === entry.url));
}

/** null when the URL may become an `href`; otherwise the reason it may not. */
export function urlProblem(url: unknown, allowlist: HttpAllowlist = []): string | null {
  if (typeof url !== 'string' || url === '') return 'expected a URL';
  // The URL parser silently drops tabs/newlines ("java\tscript:"), so refuse them before parsing.
  if (/[\s\p{Cc}]/u.test(url)) return `URL contains whitespace or control characters: ${JSON.stringify(url)}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return `relative URL ${JSON.stringify(url)} is not allowed; use a full https:// URL`;
  if (scheme !== 'https' && scheme !== 'http') return `${scheme}: URLs are not allowed (${url}); use https://`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a valid URL: ${url}`;
  }
  if (parsed.hostname === '') return `URL has no host: ${url}`;
  if (parsed.username !== '' || parsed.password !== '') return `URL must not carry a user name or password: ${url}`;
  if (scheme === 'http' && !isAllowlisted(url, allowlist)) {
    return `http URL ${url} is not in content/http-allowlist.json; use https:// (or list it there with a reason)`;
  }
  return null;
}

/** Click-tracking parameters: they say who shared or paid for a click, never which page is meant. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'igsh', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'ocid', 's_cid', 'cmpid',
]);
/**
 * Parameters that track only on some hosts: government sites (ice.gov, dhs.gov…) ignore `os`, which
 * share widgets append, while elsewhere `os` may select content.
 */
const HOST_TRACKING_PARAMS: readonly { host: RegExp; params: ReadonlySet<string> }[] = [{ host: /(?:^|\.)[a-z0-9-]+\.gov$/, params: new Set(['os']) }];

/**
 * Names of the tracking parameters a URL carries (`utm_*`, `fbclid`, `gclid`, `msclkid`…, and `os` on
 * .gov hosts), in the order they appear; empty for an unparseable URL (urlProblem reports that).
 */
export function trackingParams(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const host = parsed.hostname.toLowerCase();
  const hostParams = HOST_TRACKING_PARAMS.filter((rule) => rule.host.test(host)).flatMap((rule) => [...rule.params]);
  const found: string[] = [];
  for (const name of parsed.searchParams.keys()) {
    const key = name.toLowerCase();
    if ((key.startsWith('utm_') || TRACKING_PARAMS.has(key) || hostParams.includes(key)) && !found.includes(name)) found.push(name);
  }
  return found;
}

export interface LocatedUrl {
  field: string;
  url: string;
}

function inlineUrls(inlines: readonly Inline[], field: string, out: LocatedUrl[]): void {
  for (const inline of inlines) {
    if (inline.t === 'link') {
      out.push({ field, url: inline.href });
      inlineUrls(inline.c, field, out);
    } else if (inline.t === 'em' || inline.t === 'strong') {
      inlineUrls(inline.c, field, out);
    }
  }
}

function blockUrls(blocks: readonly Block[], field: string, out: LocatedUrl[] = []): LocatedUrl[] {
  blocks.forEach((block, index) => {
    const at = `${field}[${index}]`;
    if ('items' in block) block.items.forEach((item, i) => inlineUrls(item, `${at}.items[${i}]`, out));
    else if (block.t === 'quote') blockUrls(block.c, `${at}.c`, out);
    else inlineUrls(block.c, `${at}.c`, out);
  });
  return out;
}

export function sectionUrls(sections: ExplainerSections, field = 'sections'): LocatedUrl[] {
  const out: LocatedUrl[] = [];
  for (const [name, blocks] of Object.entries(sections) as [string, Block[] | undefined][]) {
    if (blocks) blockUrls(blocks, `${field}.${name}`, out);
  }
  return out;
}

/** Every URL an explainer carries outside its Markdown sections, with the field it sits in. */
export function frontMatterUrls(explainer: Pick<Explainer, 'facts' | 'timeline' | 'primarySources' | 'furtherReading' | 'series'>): LocatedUrl[] {
  const out: LocatedUrl[] = [];
  explainer.facts.forEach((fact, i) => fact.sources.forEach((url, j) => out.push({ field: `facts[${i}].sources[${j}]`, url })));
  explainer.timeline.forEach((entry, i) =>
    entry.sources?.forEach((url, j) => out.push({ field: `timeline[${i}].sources[${j}]`, url })),
  );
  explainer.primarySources.forEach((source, i) => out.push({ field: `primarySources[${i}].url`, url: source.url }));
  explainer.furtherReading.forEach((source, i) => out.push({ field: `furtherReading[${i}].url`, url: source.url }));
  explainer.series?.forEach((series, i) =>
    series.points.forEach((point, j) => out.push({ field: `series[${i}].points[${j}].source`, url: point.source })),
  );
  return out;
}

/** Every URL of an explainer and of its translations (fields of a translation read `translations.es.…`). */
export function explainerUrls(explainer: Explainer): LocatedUrl[] {
  const out = [...frontMatterUrls(explainer), ...sectionUrls(explainer.sections)];
  for (const [lang, translation] of Object.entries(explainer.translations ?? {})) {
    if (!translation) continue;
    const prefix = `translations.${lang}.`;
    for (const { field, url } of [...frontMatterUrls(translation), ...sectionUrls(translation.sections)]) out.push({ field: prefix + field, url });
  }
  return out;
}
