/**
 * Entry point of the Workflow Insights webview: draws each `insights` message from the host
 * and sends back only allowlisted messages (open a run, refresh).
 */
import type { InsightsHostMessage, InsightsWebviewMessage } from '../../shared/insightsProtocol';
import { h } from '../dom';
import { renderInsights } from './render';

interface VsCodeApi {
  postMessage(message: InsightsWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const root = h('main', { className: 'insights', text: 'Loading insights…', attrs: { 'aria-busy': 'true' } });
document.body.append(root);

window.addEventListener('message', (event: MessageEvent<InsightsHostMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null || message.type !== 'insights') return;
  root.removeAttribute('aria-busy');
  renderInsights(root, message.view, {
    openRun: (runId) => api.postMessage({ type: 'openRun', runId }),
    refresh: () => api.postMessage({ type: 'refresh' }),
  });
});
api.postMessage({ type: 'ready' });
