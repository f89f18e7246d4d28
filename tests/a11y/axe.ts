import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** The slice of axe-core's result the report needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

export interface AxeResult {
  violations: AxeViolation[];
  /**
   * Checks axe could not decide (e.g. text contrast over an image or a gradient): each needs a human
   * answer, so each must be on an allow-list that says why it is fine (see reviewIncomplete).
   */
  incomplete: AxeViolation[];
  /** Rules that found elements to check and passed them: proof the audit looked at something. */
  passedRules: string[];
}

/** An undecided axe check that was looked at by hand and found fine, with the reason. */
export interface IncompleteAllowance {
  rule: string;
  /** Matched against the element's HTML (and its target selector), so an allowance covers only what was reviewed. */
  element: RegExp;
  reason: string;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in `page` and returns its violations. The source is evaluated over the DevTools
 * protocol rather than added as a <script>, which extension pages' CSP would refuse.
 * `include` limits the audit to elements (and their shadow trees) matching a selector, or to one
 * element given as axe's own target (an array of selectors, nested for shadow roots).
 */
export async function runAxe(page: Page, include?: string | unknown[]): Promise<AxeResult> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    type Raw = { violations: AxeViolation[]; incomplete: AxeViolation[]; passes: { id: string }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Raw> } }).axe;
    const context = selector ? { include: [selector] } : document;
    const result = await axe.run(context, { resultTypes: ['violations', 'incomplete'] });
    const slim = (list: AxeViolation[]) =>
      list.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary, html: node.html })),
      }));
    return { violations: slim(result.violations), incomplete: slim(result.incomplete), passedRules: result.passes.map((rule) => rule.id) };
  }, include ?? null);
}

/** One readable block per violation: rule, impact, what to fix, and each element with axe's summary. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map((violation) =>
      [
        `${where}: ${violation.id} (${violation.impact ?? 'unknown impact'}) ${violation.help}\n  ${violation.helpUrl}`,
        ...violation.nodes.map(
          (node) =>
            `  - ${JSON.stringify(node.target)}\n      ${node.html.slice(0, 200)}\n      ${(node.failureSummary ?? '').replace(/\n\s*/g, '\n      ')}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

/**
 * The undecided checks no allowance covers, one entry per element (rule and element), so a new
 * undecided element fails even when its rule has allowances for others.
 */
export function unreviewedIncomplete(incomplete: readonly AxeViolation[], allowed: readonly IncompleteAllowance[]): AxeViolation[] {
  return incomplete
    .map((result) => ({
      ...result,
      nodes: result.nodes.filter(
        (node) =>
          !allowed.some((allowance) => allowance.rule === result.id && (allowance.element.test(node.html) || allowance.element.test(JSON.stringify(node.target)))),
      ),
    }))
    .filter((result) => result.nodes.length > 0);
}

/** axe's reasons for not deciding a contrast that scrolling the element into view can remove. */
const OUT_OF_VIEW = /obscured by another element|overlapped by another element/;

/**
 * Text axe skipped because it was scrolled out of its container or under a sticky part (a long
 * popup list): each such element is scrolled into view and audited again on its own. Returns what
 * is still undecided or failing afterwards, and how many elements were rechecked and passed.
 */
export async function recheckInView(
  page: Page,
  incomplete: readonly AxeViolation[],
): Promise<{ still: AxeViolation[]; violations: AxeViolation[]; passed: number; unchecked: string[] }> {
  const still: AxeViolation[] = [];
  const violations: AxeViolation[] = [];
  /** Rechecked elements axe still did not check (hidden, or no text): they would pass vacuously. */
  const unchecked: string[] = [];
  let passed = 0;
  for (const result of incomplete) {
    const kept = result.nodes.filter((node) => result.id !== 'color-contrast' || !OUT_OF_VIEW.test(node.failureSummary ?? '') || node.html.startsWith('<text'));
    if (kept.length > 0) still.push({ ...result, nodes: kept });
    for (const node of result.nodes.filter((candidate) => !kept.includes(candidate))) {
      await page.evaluate(
        (target) => {
          let scope: Document | ShadowRoot = document;
          let element: Element | null = null;
          for (const selector of (Array.isArray(target) ? target : [target]) as string[]) {
            element = scope.querySelector(selector);
            if (element?.shadowRoot) scope = element.shadowRoot;
          }
          element?.scrollIntoView({ block: 'center', inline: 'nearest' });
        },
        node.target.length === 1 ? node.target[0] : node.target,
      );
      const again = await runAxe(page, node.target.length === 1 && typeof node.target[0] === 'string' ? node.target[0] : node.target);
      const contrast = (list: AxeViolation[]) => list.filter((entry) => entry.id === 'color-contrast');
      violations.push(...contrast(again.violations));
      still.push(...contrast(again.incomplete));
      if (contrast(again.violations).length > 0 || contrast(again.incomplete).length > 0) continue;
      if (again.passedRules.includes('color-contrast')) passed++;
      else unchecked.push(node.html.slice(0, 120));
    }
  }
  return { still, violations, passed, unchecked };
}

/** WCAG contrast ratio of two sRGB colours given as [r, g, b] (0–255). */
function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const luminance = (rgb: readonly number[]) => {
    const [r, g, bl] = rgb.map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export interface SvgLabel {
  text: string;
  fill: string;
  background: string;
  /** null when a colour could not be read as sRGB. */
  ratio: number | null;
}

/**
 * Contrast of every SVG <text> on the page (chart labels, which axe cannot judge): its computed fill
 * against the first opaque background colour among its ancestors, the page's white if none.
 */
export async function svgTextContrast(page: Page): Promise<SvgLabel[]> {
  const labels = await page.evaluate(() => {
    const opaque = (colour: string) => colour !== '' && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour);
    return [...document.querySelectorAll('svg text')].map((text) => {
      let background = 'rgb(255, 255, 255)';
      for (let at: Element | null = text.parentElement; at; at = at.parentElement) {
        if (at instanceof SVGElement) continue;
        const colour = getComputedStyle(at).backgroundColor;
        if (opaque(colour)) {
          background = colour;
          break;
        }
      }
      return { text: text.textContent ?? '', fill: getComputedStyle(text).fill, background };
    });
  });
  const rgb = (colour: string): number[] | null => {
    const match = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*1)?\)$/.exec(colour);
    return match ? match.slice(1, 4).map(Number) : null;
  };
  return labels.map((label) => {
    const fill = rgb(label.fill);
    const background = rgb(label.background);
    return { ...label, ratio: fill && background ? contrastRatio(fill, background) : null };
  });
}
