import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';
import type { Category } from './pack-format/categories';
import { renderPackProblem, type PackProblem } from './pack-store/problem';

/** Every UI string key; English in public/_locales/en/messages.json is the source of truth. */
export type MessageKey = keyof typeof messages;

/**
 * The UI string for `key` in the reader's language. Falls back to the key itself, so a missing
 * translation shows up as an obvious identifier instead of an empty button.
 */
export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  try {
    const message = (browser.i18n.getMessage as (name: string, subs?: string[]) => string)(key, subs);
    if (message) return message;
  } catch {
    // No i18n API (unit tests, or a page where the extension context was invalidated).
  }
  return key;
}

/** The message key of each fixed category; pack data keeps the English name, the UI translates it. */
export const CATEGORY_MESSAGES: Record<Category, MessageKey> = {
  Agencies: 'categoryAgencies',
  'Federal programs': 'categoryFederalPrograms',
  'Laws & orders': 'categoryLawsOrders',
  'Legal process': 'categoryLegalProcess',
  'Immigration status': 'categoryImmigrationStatus',
  'State & local policy': 'categoryStateLocalPolicy',
};

/**
 * A category as the reader sees it: one of the fixed categories in the reader's language, or a
 * category a publisher's pack added, as the pack spells it (packs carry no translations).
 */
export function categoryLabel(category: string, translate: (key: MessageKey) => string = t): string {
  const key = Object.hasOwn(CATEGORY_MESSAGES, category) ? CATEGORY_MESSAGES[category as Category] : undefined;
  if (!key) return category;
  const label = translate(key);
  return label === key ? category : label;
}

/** Why a pack action or check failed, in the reader's language (codes are message keys; see lib/pack-store/problem.ts). */
export function packProblemText(problem: PackProblem): string {
  return renderPackProblem(problem, (code, substitutions) => t(code as MessageKey, substitutions));
}
