/**
 * Entry point of the run details webview: wires host messages to the header, jobs list,
 * log viewer and checks tab. Persists the selection and view settings with setState.
 */
import { assertNever, type HostMessage, type JobView, type RunHeader } from '../shared/protocol';
import { connectHost, h } from './dom';
import { renderChecks } from './checksView';
import { renderArtifacts } from './artifactsView';
import { LogView } from './logView';
import { renderHeader, renderJobs } from './runView';
import { checksSummary } from '../shared/checksSummary';
import { milestone } from './timing';
import { firstJobToShow } from '../shared/firstJob';
import { logMarkersOf } from '../shared/validate';

milestone('origin', performance.timeOrigin);
milestone('boot');
const host = connectHost();
// Until the host's first 'init' arrives (the run is being read), say so instead of a blank panel.
const header = h('header', { className: 'run-header', text: 'Loading run…', attrs: { 'aria-busy': 'true' } });
const jobsPane = h('nav', { className: 'jobs', attrs: { 'aria-label': 'Jobs' } });
const logView = new LogView(host);
const checksPane = h('section', { className: 'checks-pane', attrs: { 'aria-label': 'Checks', role: 'tabpanel' } });
const logsTab = h('button', { className: 'tab', text: 'Logs', attrs: { role: 'tab', type: 'button' } });
const checksTab = h('button', { className: 'tab', text: 'Checks', attrs: { role: 'tab', type: 'button' } });
const artifactsPane = h('section', { className: 'artifacts-pane', attrs: { 'aria-label': 'Artifacts', role: 'tabpanel' } });
// Shown once the host sends artifacts (only providers that have them).
const artifactsTab = h('button', { className: 'tab', text: 'Artifacts', attrs: { role: 'tab', type: 'button' } });
artifactsTab.hidden = true;
const tabs = h('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Run details' } }, [logsTab, checksTab, artifactsTab]);
logView.element.setAttribute('role', 'tabpanel');
logView.onOpenRaw = () => {
  if (selectedJob !== undefined) host.post({ type: 'openRawLog', jobId: selectedJob });
};
const main = h('main', { className: 'content' }, [tabs, logView.element, checksPane, artifactsPane]);
const summaryLine = h('div', { className: 'checks-summary', attrs: { role: 'status' } });
document.body.append(header, summaryLine, h('div', { className: 'layout' }, [jobsPane, main]));

let run: RunHeader | undefined;
let jobs: readonly JobView[] = [];
let selectedJob: string | undefined = host.state().jobId;
let restoredScroll = false;

function showTab(tab: 'logs' | 'checks' | 'artifacts'): void {
  logsTab.setAttribute('aria-selected', String(tab === 'logs'));
  checksTab.setAttribute('aria-selected', String(tab === 'checks'));
  artifactsTab.setAttribute('aria-selected', String(tab === 'artifacts'));
  logView.element.hidden = tab !== 'logs';
  checksPane.hidden = tab !== 'checks';
  artifactsPane.hidden = tab !== 'artifacts';
  host.saveState({ tab });
}

function renderJobList(): void {
  renderJobs(jobsPane, jobs, selectedJob, selectJob, Date.now());
}

function selectJob(jobId: string): void {
  if (jobId === selectedJob && logView.model.lineCount > 0) return;
  selectedJob = jobId;
  host.saveState({ jobId });
  if (restoredScroll || jobId !== host.state().jobId) logView.restoreTopLine(undefined);
  logView.reset('Loading log…');
  renderJobList();
  showTab('logs');
  milestone('select');
  host.post({ type: 'selectJob', jobId });
}

function onJobs(next: readonly JobView[]): void {
  jobs = next;
  if (selectedJob !== undefined && jobs.length > 0 && !jobs.some((job) => job.id === selectedJob)) {
    // A new attempt has new jobs: the log on screen belongs to the previous one.
    selectedJob = undefined;
    logView.reset();
  }
  if (jobs.length === 0) {
    logView.reset('This run has no jobs yet.');
  }
  renderJobList();
  if (selectedJob !== undefined && jobs.some((job) => job.id === selectedJob) && logView.model.lineCount === 0) {
    const id = selectedJob;
    selectedJob = undefined;
    logView.restoreTopLine(restoredScroll ? undefined : host.state().topLine);
    restoredScroll = true;
    selectJob(id);
  } else if (selectedJob === undefined) {
    const first = firstJobToShow(jobs);
    if (first !== undefined) selectJob(first.id);
  }
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'init':
    case 'state':
      milestone('init');
      if (message.type === 'init') logView.setMarkers(logMarkersOf(message.logMarkers));
      run = message.run;
      header.removeAttribute('aria-busy');
      renderHeader(header, run, host, Date.now());
      document.title = `${run.workflowName} #${run.number}`;
      break;
    case 'jobs':
      milestone('jobs');
      onJobs(message.jobs);
      break;
    case 'log':
      if (message.jobId !== selectedJob) break;
      milestone('log');
      if (!message.append) logView.reset();
      logView.setStatus(message.complete ? '' : 'Job in progress: following new output…');
      logView.append(message.chunk, message.complete);
      break;
    case 'logError':
      if (message.jobId !== selectedJob) break;
      logView.reset();
      logView.setStatus(message.kind === 'gone' ? `The log is no longer available (it expired or was deleted). ${message.message}` : message.kind === 'not_found' ? `No log found for this job. ${message.message}` : `Could not load the log: ${message.message}`, 'error');
      break;
    case 'checks': {
      renderChecks(checksPane, message, host);
      const summary = message.error === undefined ? checksSummary(message.checks, message.testReport) : undefined;
      summaryLine.textContent = summary ?? '';
      checksTab.textContent = summary && summary !== 'All checks passed' ? `Checks (${summary.split(',')[0]})` : 'Checks';
      break;
    }
    case 'focusJob':
      selectJob(message.jobId);
      break;
    case 'artifacts':
      renderArtifacts(artifactsPane, message, host);
      artifactsTab.hidden = false;
      artifactsTab.textContent = message.artifacts.length > 0 ? `Artifacts (${message.artifacts.length})` : 'Artifacts';
      break;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') {
    handle(data as HostMessage);
  }
});
logsTab.addEventListener('click', () => showTab('logs'));
checksTab.addEventListener('click', () => showTab('checks'));
artifactsTab.addEventListener('click', () => showTab('artifacts'));
tabs.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const visible = [logsTab, checksTab, artifactsTab].filter((tab) => !tab.hidden);
    const at = visible.findIndex((tab) => tab === document.activeElement);
    const next = visible[(at + (event.key === 'ArrowRight' ? 1 : visible.length - 1)) % visible.length] ?? logsTab;
    next.focus();
    next.click();
  }
});
document.addEventListener('keydown', (event) => {
  if (!logView.element.hidden && logView.handleGlobalKey(event)) event.preventDefault();
});
// Durations of a running run tick every 5 s (not while the keyboard is in the jobs list).
setInterval(() => {
  if (run !== undefined && (run.state === 'running' || run.state === 'queued') && !jobsPane.contains(document.activeElement)) {
    renderHeader(header, run, host, Date.now());
    renderJobList();
  }
}, 5000);

// The Artifacts tab appears only once the host sends them; until then a remembered one shows the log.
const restoredTab = host.state().tab ?? 'logs';
showTab(restoredTab === 'artifacts' ? 'logs' : restoredTab);
milestone('ready');
host.post({ type: 'ready' });
