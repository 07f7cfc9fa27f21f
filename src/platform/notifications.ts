/**
 * Shows "run finished" notifications: feeds every snapshot change of the sync service to the
 * RunNotifier (which decides) and turns its notices into messages with actions.
 */
import * as vscode from 'vscode';
import type { RunNotice, RunNotifier } from '../actions/notifier';
import { describeError } from '../core/errors';
import type { Logger } from '../core/ports';
import type { SyncReader } from '../core/sync/types';
import { repoByKey } from '../core/sync/lookup';
import { repoKey } from '../core/model';
import { COMMANDS } from '../commands/ids';
import { openWebUrl } from './openWeb';

/** Opens the run details (registered by the composition root) and re-runs failed jobs. */
const OPEN_RUN = 'flowforge.openRun';
const RERUN_FAILED = COMMANDS.rerunFailedJobs;

export class RunNotifications implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly sync: Pick<SyncReader, 'onDidChange' | 'snapshot' | 'repositories'>,
    private readonly notifier: RunNotifier,
    private readonly logger: Logger,
  ) {
    this.subscription = sync.onDidChange((key) => this.changed(key));
  }

  private changed(key: string | undefined): void {
    if (key === undefined) {
      this.notifier.retain(new Set(this.sync.repositories().map(repoKey)));
      return;
    }
    for (const notice of this.notifier.observe(key, this.sync.snapshot(key))) {
      this.show(notice).catch((error: unknown) => this.logger.warn(`Notification action failed: ${describeError(error)}`));
    }
  }

  private async show(notice: RunNotice): Promise<void> {
    const { run } = notice;
    const slug = repoByKey(this.sync, notice.repoKey)?.slug ?? notice.repoKey;
    const open = vscode.l10n.t('Open Run');
    const rerun = vscode.l10n.t('Re-run Failed Jobs');
    const browser = vscode.l10n.t('Open in Browser');
    const where = run.branch ? `${slug} (${run.branch})` : slug;
    let choice: string | undefined;
    if (notice.failed) {
      choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0} #{1} failed in {2}.', run.pipelineName, run.number, where), open, rerun, browser);
    } else if (run.state === 'success') {
      choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} #{1} succeeded in {2}.', run.pipelineName, run.number, where), open, browser);
    } else {
      choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} #{1} finished ({2}) in {3}.', run.pipelineName, run.number, run.rawStatus, where), open, browser);
    }
    if (choice === open) {
      await vscode.commands.executeCommand(OPEN_RUN, notice.repoKey, run.id);
    } else if (choice === rerun) {
      await vscode.commands.executeCommand(RERUN_FAILED, notice.repoKey, run.id);
    } else if (choice === browser) {
      await openWebUrl(run.webUrl);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
