/** The fixed shelf of explainer categories; the popup groups by these, so new ones need a design decision. */
export const CATEGORIES = [
  'Agencies',
  'Federal programs',
  'Laws & orders',
  'Legal process',
  'Immigration status',
  'State & local policy',
] as const;

export type Category = (typeof CATEGORIES)[number];
