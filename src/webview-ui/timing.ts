/**
 * Milestones of a run panel's first seconds, for the click-to-first-line measurement of the e2e
 * suite and `npm run bench`: each is written once, as wall-clock milliseconds, into a data
 * attribute of the document element (`data-t-boot`, `data-t-jobs`, `data-t-log`, `data-t-first-line`…),
 * where a test reads them beside the time of its click. The webview's own start is
 * `data-t-origin` (its document's time origin). Costs one attribute write per milestone.
 */
export type Milestone = 'origin' | 'boot' | 'ready' | 'init' | 'jobs' | 'select' | 'log' | 'firstLine';

const ATTRIBUTE: Readonly<Record<Milestone, string>> = {
  origin: 'data-t-origin',
  boot: 'data-t-boot',
  ready: 'data-t-ready',
  init: 'data-t-init',
  jobs: 'data-t-jobs',
  select: 'data-t-select',
  log: 'data-t-log',
  firstLine: 'data-t-first-line',
};

/** Records the first time a milestone is reached. */
export function milestone(name: Milestone, at = performance.timeOrigin + performance.now()): void {
  const root = document.documentElement;
  if (!root.hasAttribute(ATTRIBUTE[name])) root.setAttribute(ATTRIBUTE[name], at.toFixed(1));
}
