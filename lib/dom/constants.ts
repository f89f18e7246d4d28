/** Names shared by the content script, its CSS and the e2e tests that look for them in a page. */
export const HIGHLIGHT_NAME = 'context-explainers';
/** The mark under the pointer or keyboard focus, drawn stronger. */
export const ACTIVE_HIGHLIGHT_NAME = 'context-explainers-active';
/** Tag of our one shadow host: the only element we ever add to a page. */
export const SHADOW_HOST_TAG = 'context-explainers-card';
/** User Timing measure name for each slice of scanning work. */
export const SCAN_MEASURE = 'explainers:scan';
/** Same marks as HIGHLIGHT_NAME when the reader chose the "tint" style instead of the underline. */
export const TINT_HIGHLIGHT_NAME = 'context-explainers-tint';
/** Suffix of each highlight name for marks on a dark background (lib/dom/page-colors.ts picks the tone). */
export const ON_DARK_SUFFIX = '-on-dark';
