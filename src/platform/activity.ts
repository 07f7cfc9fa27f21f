import * as vscode from 'vscode';
import type { Activity } from '../core/sync/types';

/** Window focus and view visibility, which decide how often FlowForge polls. */
export class ActivityMonitor implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Activity>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private last: Activity;

  constructor(private readonly viewVisible: () => boolean) {
    this.last = this.read();
    this.subscription = vscode.window.onDidChangeWindowState(() => this.refresh());
  }

  current(): Activity {
    return this.last;
  }

  /** Re-reads focus and visibility; fires only on a change. */
  refresh(): void {
    const next = this.read();
    if (next.windowFocused !== this.last.windowFocused || next.viewVisible !== this.last.viewVisible) {
      this.last = next;
      this.changed.fire(next);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read(): Activity {
    return { windowFocused: vscode.window.state.focused, viewVisible: this.viewVisible() };
  }
}
