const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * Elements that start a new run of text. Text nodes whose nearest such ancestor is the same element
 * (with no other block in between, in document order) are matched together, so a term split by inline
 * markup such as "287(<em>g</em>)" still matches and context words in the same paragraph count.
 * `svg` and SVG `text` are included so chart labels never run into the surrounding prose.
 */
export const BLOCK_TAGS: ReadonlySet<string> = new Set<string>([
  'html',
  'body',
  'main',
  'article',
  'section',
  'aside',
  'nav',
  'header',
  'footer',
  'div',
  'p',
  'li',
  'ul',
  'ol',
  'dl',
  'dd',
  'dt',
  ...HEADINGS,
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'form',
  'fieldset',
  'legend',
  'details',
  'summary',
  'address',
  'hr',
  'center',
  'dialog',
  'menu',
  'hgroup',
  'svg',
  'text',
]);

export const HEADING_TAGS: ReadonlySet<string> = new Set(HEADINGS);

/** Explicit containers that bound a "section" for first-mention marking. */
export const SECTION_TAGS: ReadonlySet<string> = new Set(['section', 'article', 'main', 'aside', 'body']);

/** Inline elements that separate words visually although they add no text. */
export const BREAK_TAGS: ReadonlySet<string> = new Set(['br', 'img']);
