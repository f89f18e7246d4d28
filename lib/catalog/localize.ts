import type { Explainer, Lang } from '../pack-format/types';

export interface LocalizedExplainer {
  /** The explainer with its readable fields in `lang`; id, category and related stay shared. */
  explainer: Explainer;
  /** The language shown. */
  lang: Lang;
  /** The wanted language was not available, so the explainer's own language is shown instead. */
  missing: boolean;
}

/**
 * The explainer as a reader of `wanted` should see it. Pure: the pack's explainer is not changed.
 * A translation replaces every readable field, optional ones included (an English chart or correction
 * does not describe the Spanish text), and the result carries no `translations` of its own.
 */
export function localizeExplainer(explainer: Explainer, wanted: Lang): LocalizedExplainer {
  const own = explainer.lang ?? 'en';
  if (wanted === own) return { explainer, lang: own, missing: false };
  const translation = explainer.translations?.[wanted];
  if (!translation) return { explainer, lang: own, missing: true };
  const { translations: _all, series: _series, corrections: _corrections, ...shared } = explainer;
  const { lang, ...fields } = translation;
  return { explainer: { ...shared, ...fields, lang }, lang, missing: false };
}
