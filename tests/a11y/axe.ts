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
  /** Rules that found elements to check and passed them: proof the audit looked at something. */
  passedRules: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in `page` and returns its violations. The source is evaluated over the DevTools
 * protocol rather than added as a <script>, which extension pages' CSP would refuse.
 * `include` limits the audit to elements (and their shadow trees) matching a selector.
 */
export async function runAxe(page: Page, include?: string): Promise<AxeResult> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    type Raw = { violations: AxeViolation[]; passes: { id: string }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Raw> } }).axe;
    const context = selector ? { include: [selector] } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    const violations = result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary, html: node.html })),
    }));
    return { violations, passedRules: result.passes.map((rule) => rule.id) };
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
