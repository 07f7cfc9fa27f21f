/**
 * Click-to-first-line in a real VS Code: the e2e suite's run panel test (test/e2e/ui/runPanel.test.mjs)
 * clicks a run and reads the webview's milestones (src/webview-ui/timing.ts); it writes them to
 * artifacts/e2e/click-to-first-line.json, which this part of `npm run bench` prints beside
 * data-to-first-paint. Starting code-server takes a minute, so the bench does not run it; refresh
 * the figures with:
 *   flock /tmp/ff-e2e.lock env E2E_ONLY=ui E2E_GREP='run details panel' E2E_RETRIES=0 npm run test:e2e
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CLICK_TIMING_FILE = join('artifacts', 'e2e', 'click-to-first-line.json');

interface ClickRun {
  readonly label: string;
  readonly clickToFirstLineMs: number;
  readonly phases: Readonly<Record<string, number>>;
}

export type ClickFigures = { readonly status: 'ok'; readonly measuredAt: string; readonly runs: readonly ClickRun[] } | { readonly status: 'not measured'; readonly reason: string };

function isClickRun(value: unknown): value is ClickRun {
  if (typeof value !== 'object' || value === null) return false;
  const run = value as Record<string, unknown>;
  return typeof run.label === 'string' && typeof run.clickToFirstLineMs === 'number' && typeof run.phases === 'object' && run.phases !== null;
}

export function readClickFigures(root: string): ClickFigures {
  const file = join(root, CLICK_TIMING_FILE);
  if (!existsSync(file)) return { status: 'not measured', reason: `${CLICK_TIMING_FILE} is missing` };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { measuredAt?: unknown; runs?: unknown };
    const runs = Array.isArray(data.runs) ? data.runs.filter(isClickRun) : [];
    if (runs.length === 0) return { status: 'not measured', reason: `${CLICK_TIMING_FILE} holds no runs` };
    return { status: 'ok', measuredAt: typeof data.measuredAt === 'string' ? data.measuredAt : 'unknown', runs };
  } catch (error) {
    return { status: 'not measured', reason: `${CLICK_TIMING_FILE}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The phases as steps: "origin +276, boot +145, …" (milliseconds since the step before). */
function steps(phases: Readonly<Record<string, number>>): string {
  let previous = 0;
  return Object.entries(phases)
    .sort((a, b) => a[1] - b[1])
    .map(([name, at]) => {
      const step = `${name} +${at - previous}`;
      previous = at;
      return step;
    })
    .join(', ');
}

export function printClickFigures(figures: ClickFigures): void {
  console.log('\nClick-to-first-line in a real VS Code (code-server + chromium, from the e2e run panel test):');
  if (figures.status !== 'ok') {
    console.log(`  not measured (${figures.reason}); run: flock /tmp/ff-e2e.lock env E2E_ONLY=ui E2E_GREP='run details panel' E2E_RETRIES=0 npm run test:e2e`);
    return;
  }
  console.log(`  measured ${figures.measuredAt}; milestones in ms after the click, each after the one before`);
  for (const run of figures.runs) console.log(`  ${run.label}: ${run.clickToFirstLineMs} ms (${steps(run.phases)})`);
}
