// axe-core in a page under test: WCAG 2.1 A/AA violations, each described so a failure says what to fix.
// The page's CSP (`script-src 'self'`) refuses an injected <script>, so axe's source goes in through
// page.evaluate (a DevTools call, exempt from the page's policy), once per document.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe on the whole document; answers one line per violation (id, help, the elements it names). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(`typeof window.axe === 'object'`))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.map(
    (v) =>
      `${v.id} (${v.help}): ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(', ')}${v.nodes.length > 5 ? ` …and ${v.nodes.length - 5} more` : ''}`,
  );
}
