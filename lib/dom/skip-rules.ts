import { SHADOW_HOST_TAG } from './constants';

/**
 * Elements whose whole subtree is never scanned: code, form fields, scripts, editors, hidden content
 * and our own nodes. Keyed by `localName` (lower case for HTML and SVG alike).
 */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'math',
  'head',
  'title',
  SHADOW_HOST_TAG,
]);

/** The attribute half of the skip rules, as a selector (the tag half is SKIPPED_TAGS). */
const SKIPPED_BY_ATTRIBUTE_SELECTOR = ['[hidden]', '[aria-hidden="true"]', '[contenteditable]:not([contenteditable="false"])'].join(',');

/** Every skip rule as one selector, for the rare one-off ancestor check. */
const SKIPPED_SELECTOR = [...SKIPPED_TAGS, SKIPPED_BY_ATTRIBUTE_SELECTOR].join(',');

/**
 * Elements below `root` (not the root itself: a walk never visits its root) that the attribute rules
 * skip, in document order, found by one native selector query: a walk can then meet them in turn
 * instead of reading up to three attributes of every element, a native call each.
 */
export function skippedByAttribute(root: Node): Element[] {
  if (typeof (root as ParentNode).querySelectorAll !== 'function') return [];
  return [...(root as ParentNode).querySelectorAll(SKIPPED_BY_ATTRIBUTE_SELECTOR)];
}

/** True when `node` sits inside a skipped subtree (walks ancestors: use for one-off checks only). */
export function isInsideSkipped(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element?.closest(SKIPPED_SELECTOR) != null;
}
