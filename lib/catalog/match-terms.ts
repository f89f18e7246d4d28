import type { MatchTerm } from '../match/types';
import { LANGS, type Explainer } from '../pack-format/types';

/**
 * An explainer's terms for the matcher, each with the language of the text it applies in: its own
 * terms in its own language, each translation's in that language, and its own terms also in every
 * language it has no translation for (an English-only explainer still shows on a Spanish page).
 * Shared by the catalog (content scripts) and `npm run detect`, so both match alike.
 */
export function termsOf(explainer: Explainer): MatchTerm[] {
  const own = explainer.lang ?? 'en';
  const untranslated = LANGS.filter((lang) => lang !== own && !explainer.translations?.[lang]);
  const terms = explainer.terms.map(
    (term): MatchTerm => ({ ...term, explainerId: explainer.id, lang: own, ...(untranslated.length > 0 ? { alsoIn: untranslated } : {}) }),
  );
  for (const lang of LANGS) {
    const translation = lang === own ? undefined : explainer.translations?.[lang];
    if (translation) terms.push(...translation.terms.map((term): MatchTerm => ({ ...term, explainerId: explainer.id, lang })));
  }
  return terms;
}
