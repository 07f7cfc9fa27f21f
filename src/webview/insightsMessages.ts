/**
 * Dispatch of messages from the Workflow Insights webview: only validated messages are acted
 * on (see src/shared/insightsValidate.ts). No runtime `vscode`: the panel injects the effects.
 */
import { assertNever } from '../shared/protocol';
import type { InsightsWebviewMessage } from '../shared/insightsProtocol';
import { validateInsightsMessage } from '../shared/insightsValidate';

export interface InsightsEffects {
  ready(): void;
  openRun(runId: string): void;
  refresh(): void;
  rejected(reason: string): void;
}

export function dispatchInsightsMessage(raw: unknown, effects: InsightsEffects): InsightsWebviewMessage | undefined {
  const message = validateInsightsMessage(raw);
  if (message === undefined) {
    effects.rejected('malformed message from the insights panel');
    return undefined;
  }
  switch (message.type) {
    case 'ready':
      effects.ready();
      break;
    case 'openRun':
      effects.openRun(message.runId);
      break;
    case 'refresh':
      effects.refresh();
      break;
    default:
      assertNever(message);
  }
  return message;
}
