import { Fragment } from 'preact';
import { useLang } from './lang';
import type { Source } from '../lib/pack-format/types';
import { safeHref } from '../lib/safe-url';
import { publisherName } from './publishers';

/**
 * A fact's or timeline entry's sources as short links named by publisher ("ICE", "GAO"; the host
 * only where no publisher is known), with the full source title as a tooltip when the explainer
 * lists it. Unsafe URLs are left out, not shown as text.
 */
export function SourceLinks(props: { urls: readonly string[]; known?: readonly Source[]; class?: string; linkTestId?: string }) {
  const { t } = useLang();
  const links = props.urls.flatMap((url) => {
    const href = safeHref(url);
    return href === null ? [] : [{ url, href }];
  });
  if (links.length === 0) return null;
  return (
    <span class={props.class}>
      {links.map(({ url, href }, index) => {
        const source = props.known?.find((s) => s.url === url);
        const title = source ? [source.title, source.publisher].filter(Boolean).join(' — ') : url;
        const name = publisherName(url, props.known);
        return (
          <Fragment key={url}>
            {index > 0 ? ', ' : null}
            {/* The name says the link opens a new tab (the visible publisher starts it, so speech input still finds it). */}
            <a href={href} target="_blank" rel="noopener noreferrer" title={title} aria-label={`${name} ${t('opensInNewTab')}`} data-testid={props.linkTestId}>
              {name}
            </a>
          </Fragment>
        );
      })}
    </span>
  );
}
