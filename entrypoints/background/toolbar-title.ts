/** What the toolbar button's tooltip says for each state of a tab. */
export interface ToolbarTitles {
  /** The extension is switched off (settings.enabled). */
  off: string;
  /** The tab's site is paused. */
  paused: string;
  /** The page was read and mentions no explainer. */
  none: string;
  topics(count: number): string;
}

/**
 * The tooltip for a tab from the badge it is given. The paused and off badges may read the same
 * ("off" in English), so the switch's state says which one it is; a count badge is the number of
 * distinct explainers on the page, as the badge shows it.
 */
export function toolbarTitle(badge: string, state: { enabled: boolean; pausedBadge: string }, titles: ToolbarTitles): string {
  if (!state.enabled) return titles.off;
  if (badge === state.pausedBadge) return titles.paused;
  const count = /^\d+$/.test(badge) ? Number(badge) : 0;
  return count > 0 ? titles.topics(count) : titles.none;
}
