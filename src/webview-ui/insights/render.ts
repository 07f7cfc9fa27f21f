/**
 * The Workflow Insights page: headline figures, the duration chart and result strip, the runs
 * as a table (the chart's numbers as text for screen readers), the slowest jobs and likely
 * flaky tests, each saying what it cost in requests. Text goes in through textContent only.
 */
import type { FlakyView, InsightsRunView, InsightsView } from '../../shared/insightsProtocol';
import { h } from '../dom';
import { formatDuration, stateLabel } from '../format';
import { durationChart, resultStrip } from './chart';

export interface InsightsActions {
  openRun(runId: string): void;
  refresh(): void;
}

const duration = (ms: number | undefined): string => (ms === undefined ? '–' : formatDuration(ms));
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function figure(name: string, label: string, value: string, detail?: string): HTMLElement {
  return h('div', { className: 'figure', attrs: { 'data-figure': name } }, [h('dt', { text: label }), h('dd', {}, [h('span', { className: 'value', text: value }), detail === undefined ? undefined : h('span', { className: 'detail', text: detail })])]);
}

function figures(view: InsightsView): HTMLElement {
  const { stats } = view;
  const rate = stats.successRate === undefined ? '–' : `${Math.round(stats.successRate * 100)}%`;
  return h('dl', { className: 'figures' }, [
    figure('successRate', 'Success rate', rate, `${stats.succeeded} of ${stats.decided} finished`),
    figure('median', 'Median duration', duration(stats.medianMs)),
    figure('p90', 'p90 duration', duration(stats.p90Ms)),
    figure('queue', 'Median queue time', duration(stats.medianQueueMs)),
    figure('runs', 'Runs', String(stats.total), stats.active > 0 ? `${stats.active} still going` : undefined),
  ]);
}

function runsTable(runs: readonly InsightsRunView[], actions: InsightsActions): HTMLElement {
  const rows = [...runs].reverse().map((run) =>
    h('tr', { className: `state-row-${run.state}` }, [
      h('td', {}, [h('button', { className: 'link', text: `#${run.number}${run.attempt > 1 ? `.${run.attempt}` : ''}`, attrs: { type: 'button', 'aria-label': `Open run #${run.number}` } })]),
      h('td', { className: `state-${run.state}`, text: stateLabel(run.state) }),
      h('td', { className: 'num', text: duration(run.durationMs) }),
      h('td', { className: 'num', text: duration(run.queueMs) }),
      h('td', { text: run.branch ?? '' }),
      h('td', { className: 'title', text: run.title }),
      h('td', { text: new Date(run.createdAt).toLocaleString() }),
    ]),
  );
  rows.forEach((row, i) => row.querySelector('button')?.addEventListener('click', () => actions.openRun(runs[runs.length - 1 - i]?.runId ?? '')));
  return h('details', { className: 'runs-table' }, [
    h('summary', { text: `All ${runs.length} runs as a table` }),
    h('table', {}, [
      h('thead', {}, [h('tr', {}, ['Run', 'Result', 'Duration', 'Queued', 'Branch', 'Title', 'Created'].map((name) => h('th', { text: name, attrs: { scope: 'col' } })))]),
      h('tbody', {}, rows),
    ]),
  ]);
}

function slowJobs(view: InsightsView): HTMLElement {
  const cost = `From the jobs of the newest ${plural(view.jobsCost.runs, 'finished run', 'finished runs')} (${plural(view.jobsCost.requests, 'request', 'requests')}; jobs already loaded cost none).`;
  const body =
    view.slowJobs.length === 0
      ? h('p', { className: 'empty', text: 'No finished jobs with times yet.' })
      : h('table', { className: 'slow-jobs' }, [
          h('thead', {}, [h('tr', {}, ['Job', 'Median', 'Slowest', 'Runs', 'Failed'].map((name) => h('th', { text: name, attrs: { scope: 'col' } })))]),
          h('tbody', {}, view.slowJobs.map((job) => h('tr', {}, [h('td', { text: job.name }), h('td', { className: 'num', text: formatDuration(job.medianMs) }), h('td', { className: 'num', text: formatDuration(job.maxMs) }), h('td', { className: 'num', text: String(job.runs) }), h('td', { className: 'num', text: String(job.failures) })]))),
        ]);
  return h('section', { className: 'slow', attrs: { 'aria-label': 'Slowest jobs' } }, [h('h2', { text: 'Slowest jobs' }), body, h('p', { className: 'cost', text: cost })]);
}

function flaky(view: FlakyView): HTMLElement {
  const heading = h('h2', { text: 'Likely flaky tests' });
  if (!view.supported) {
    return h('section', { className: 'flaky', attrs: { 'aria-label': 'Likely flaky tests' } }, [heading, h('p', { className: 'empty', text: 'This CI system gives FlowForge no test reports, so flaky tests cannot be found.' })]);
  }
  const cost = h('p', { className: 'cost', text: `From the test reports of ${plural(view.reportRuns, 'run', 'runs')} (${plural(view.requests, 'request', 'requests')}; reports already read cost none).` });
  const list =
    view.tests.length === 0
      ? h('p', { className: 'empty', text: 'No test failed and then passed on the same commit, or alternated across these runs.' })
      : h(
          'ul',
          { className: 'flaky-list' },
          view.tests.map((test) =>
            h('li', {}, [
              h('span', { className: 'test-name', text: test.id }),
              h('span', { className: 'reason', text: test.reason === 'rerun' ? 'failed, then passed on a re-run of the same commit' : 'alternates between failing and passing' }),
              h(
                'span',
                { className: 'history', attrs: { 'aria-label': `History: ${test.history.map((e) => `#${e.number} ${e.outcome}`).join(', ')}` } },
                test.history.map((entry) => h('span', { className: `outcome outcome-${entry.outcome}`, text: entry.outcome === 'failed' ? '✗' : '✓', title: `#${entry.number}${entry.attempt > 1 ? ` attempt ${entry.attempt}` : ''}: ${entry.outcome}`, attrs: { 'aria-hidden': 'true' } })),
              ),
            ]),
          ),
        );
  return h('section', { className: 'flaky', attrs: { 'aria-label': 'Likely flaky tests' } }, [heading, list, cost, view.error === undefined ? undefined : h('p', { className: 'error', text: view.error })]);
}

export function renderInsights(root: HTMLElement, view: InsightsView, actions: InsightsActions): void {
  const refresh = h('button', { className: 'icon-button', text: 'Refresh', attrs: { type: 'button' } });
  refresh.addEventListener('click', () => actions.refresh());
  const status = view.loading
    ? `Loading older runs… ${view.runs.length} of up to ${view.limit} so far`
    : `Last ${view.runs.length} runs${view.hasMore ? ` (the ${view.limit} newest; older runs exist)` : ''} · ${plural(view.pageRequests, 'page request', 'page requests')} for this panel`;
  const parts: (HTMLElement | undefined)[] = [
    h('header', { className: 'insights-header' }, [h('h1', { text: `${view.workflowName} · ${view.repository}` }), refresh]),
    h('p', { className: 'status', text: status, attrs: { role: 'status', 'aria-busy': String(view.loading) } }),
    view.error === undefined ? undefined : h('p', { className: 'error', text: `Could not load everything: ${view.error}. Showing what was loaded.` }),
    view.alerts.length === 0 ? undefined : h('ul', { className: 'alerts', attrs: { role: 'alert' } }, view.alerts.map((alert) => h('li', { text: `⚠ ${alert}` }))),
    figures(view),
    view.runs.length === 0 ? h('p', { className: 'empty', text: 'No runs yet.' }) : h('figure', { className: 'chart-figure' }, [durationChart(view.runs, view.stats, (runId) => actions.openRun(runId)), resultStrip(view.runs), h('figcaption', { text: 'Each point is a run (oldest left), coloured by result; click one to open it. The strip below shows the results in the same order.' })]),
    runsTable(view.runs, actions),
    slowJobs(view),
    flaky(view.flaky),
  ];
  root.replaceChildren(...parts.filter((part): part is HTMLElement => part !== undefined));
  root.dataset.rendered = 'true';
}
