import type { ComponentChildren } from 'preact';
import type { Block, Inline } from '../lib/pack-format/types';
import { useLang } from './lang';
import { safeHref } from '../lib/safe-url';

/**
 * A link that opens in a new tab, or its text alone when the URL is not a safe web URL. Screen
 * readers hear that it opens a new tab (visually hidden text: the page's stylesheet hides it).
 */
export function ExternalLink(props: { href: string; children: ComponentChildren; class?: string; title?: string; 'data-testid'?: string }) {
  const { t } = useLang();
  const href = safeHref(props.href);
  if (href === null) return <span class={props.class}>{props.children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" class={props.class} title={props.title} data-testid={props['data-testid']}>
      {props.children}
      <span class="visually-hidden"> {t('opensInNewTab')}</span>
    </a>
  );
}

/** Pack rich text as Preact elements: text is always escaped, links always checked. */
function RichInlines({ inlines }: { inlines: readonly Inline[] }) {
  return <>{inlines.map((inline, index) => renderInline(inline, index))}</>;
}

function renderInline(inline: Inline, key: number) {
  switch (inline.t) {
    case 'text':
      return inline.v;
    case 'em':
      return <em key={key}><RichInlines inlines={inline.c} /></em>;
    case 'strong':
      return <strong key={key}><RichInlines inlines={inline.c} /></strong>;
    case 'code':
      return <code key={key}>{inline.v}</code>;
    case 'link':
      return <ExternalLink key={key} href={inline.href}><RichInlines inlines={inline.c} /></ExternalLink>;
    default:
      return null;
  }
}

export function RichBlocks({ blocks }: { blocks: readonly Block[] }) {
  return <>{blocks.map((block, index) => renderBlock(block, index))}</>;
}

function renderBlock(block: Block, key: number) {
  switch (block.t) {
    case 'p':
      return <p key={key}><RichInlines inlines={block.c} /></p>;
    case 'h3':
      return <h3 key={key}><RichInlines inlines={block.c} /></h3>;
    case 'ul':
    case 'ol': {
      const items = block.items.map((item, i) => <li key={i}><RichInlines inlines={item} /></li>);
      return block.t === 'ul' ? <ul key={key}>{items}</ul> : <ol key={key}>{items}</ol>;
    }
    case 'quote':
      return <blockquote key={key}><RichBlocks blocks={block.c} /></blockquote>;
    default:
      return null;
  }
}
