/**
 * Validation of messages from the Workflow Insights webview: an allowlist of types, each
 * field checked; anything else is dropped. Never throws.
 */
import type { InsightsWebviewMessage } from './insightsProtocol';

const MAX_RUN_ID = 200;
const RUN_ID = /^[A-Za-z0-9_.:-]+$/;

export function validateInsightsMessage(value: unknown): InsightsWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'refresh':
      return { type: 'refresh' };
    case 'openRun': {
      const runId = message.runId;
      return typeof runId === 'string' && runId.length > 0 && runId.length <= MAX_RUN_ID && RUN_ID.test(runId) ? { type: 'openRun', runId } : undefined;
    }
    default:
      return undefined;
  }
}
