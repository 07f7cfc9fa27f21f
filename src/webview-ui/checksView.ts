/** The "Checks" tab: check runs with sanitized Markdown or HTML summaries, annotations and test failures. */
import type { AnnotationView, CheckView, HostMessage, TestReportView } from '../shared/protocol';
import { codicon, h, type Host } from './dom';
import { summaryFormatOf } from '../shared/validate';
import { STATE_CODICON, stateLabel } from './format';
import { renderHtml } from './htmlSanitize';
import { renderMarkdown } from './markdownDom';

type ChecksMessage = Extract<HostMessage, { type: 'checks' }>;

function annotationItem(annotation: AnnotationView, host: Host): HTMLElement {
  const location = `${annotation.path}:${annotation.startLine}${annotation.startColumn === undefined ? '' : `:${annotation.startColumn}`}`;
  const link = h('button', { className: 'link-button', text: location, title: `Open ${location}`, attrs: { type: 'button' } });
  link.addEventListener('click', () =>
    host.post(annotation.startColumn === undefined ? { type: 'openFile', path: annotation.path, line: annotation.startLine } : { type: 'openFile', path: annotation.path, line: annotation.startLine, column: annotation.startColumn }),
  );
  return h('li', { className: `annotation level-${annotation.level}` }, [
    h('span', { className: 'level', text: annotation.level }),
    link,
    annotation.title === undefined ? undefined : h('strong', { text: ` ${annotation.title}` }),
    h('pre', { className: 'message', text: annotation.message }),
  ]);
}

function checkItem(check: CheckView, host: Host): HTMLElement {
  const header = h('div', { className: 'check-header' }, [
    h('span', { className: `state state-${check.state}`, attrs: { 'aria-hidden': 'true' } }, [codicon(STATE_CODICON[check.state], check.state === 'running')]),
    h('h3', { text: check.name }),
    h('span', { className: 'raw-status', text: `${stateLabel(check.state)} (${check.rawStatus})` }),
  ]);
  if (check.webUrl !== undefined) {
    const url = check.webUrl;
    const open = h('button', { className: 'link-button', text: 'Details', attrs: { type: 'button', 'aria-label': `Open ${check.name} in the browser` } });
    open.addEventListener('click', () => host.post({ type: 'openExternal', url }));
    header.append(open);
  }
  const item = h('li', { className: 'check' }, [header]);
  if (check.title !== undefined && check.title !== '') item.append(h('p', { className: 'check-title', text: check.title }));
  if (check.summary !== undefined && check.summary !== '') {
    item.append(summaryFormatOf(check.summaryFormat) === 'html' ? renderHtml(check.summary, host) : renderMarkdown(check.summary, host));
  }
  if (check.annotations.length > 0) {
    item.append(h('ul', { className: 'annotations', attrs: { 'aria-label': `Annotations of ${check.name}` } }, check.annotations.map((a) => annotationItem(a, host))));
  }
  return item;
}

function testReport(report: TestReportView): HTMLElement {
  const summary = `${report.total} tests: ${report.passed} passed, ${report.failed} failed, ${report.errored} errored, ${report.skipped} skipped`;
  return h('section', { className: 'tests', attrs: { 'aria-label': 'Test report' } }, [
    h('h2', { text: 'Tests' }),
    h('p', { text: summary }),
    h(
      'ul',
      { className: 'failures' },
      report.failures.map((failure) =>
        h('li', { className: 'failure' }, [
          h('strong', { text: `${failure.suite} › ${failure.name}` }),
          failure.file === undefined ? undefined : h('span', { className: 'file', text: ` ${failure.file}` }),
          failure.message === undefined ? undefined : h('pre', { className: 'message', text: failure.message }),
          failure.trace === undefined ? undefined : h('details', {}, [h('summary', { text: 'Trace' }), h('pre', { text: failure.trace })]),
        ]),
      ),
    ),
  ]);
}

export function renderChecks(target: HTMLElement, message: ChecksMessage, host: Host): void {
  target.replaceChildren();
  if (message.error !== undefined) target.append(h('p', { className: 'error', text: message.error, attrs: { role: 'alert' } }));
  if (message.testReport !== undefined) target.append(testReport(message.testReport));
  if (message.checks.length === 0 && message.testReport === undefined && message.error === undefined) {
    target.append(h('p', { className: 'empty', text: 'No checks reported for this commit.' }));
  }
  if (message.checks.length > 0) {
    target.append(h('h2', { text: 'Checks' }), h('ul', { className: 'checks' }, message.checks.map((check) => checkItem(check, host))));
  }
}
