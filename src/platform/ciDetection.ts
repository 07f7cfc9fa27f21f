import * as vscode from 'vscode';
import { offersFor, type DetectedCi } from '../core/ci/detection';
import type { Logger } from '../core/ports';

const DISMISSED_KEY = 'flowforge.detection.dismissed';
const CONTEXT_KEY = 'flowforge.detectedCi';

export interface CiDetectionDeps {
  /** Each provider's configuration file globs (descriptor.configFiles), by kind. */
  readonly configFiles: ReadonlyMap<string, readonly string[]>;
  /** Whether any account of the provider has a token (stored, editor session or environment). */
  readonly signedIn: (kind: string) => Promise<boolean>;
  readonly label: (kind: string) => string;
  /** Starts signing in to the provider's main account. */
  readonly signIn: (kind: string) => Promise<void>;
  readonly memento: vscode.Memento;
  readonly logger: Logger;
}

/**
 * Finds the CI configuration files of the workspace and, for a CI system FlowForge has no
 * signed-in account for, offers to sign in: once per workspace as a notification (until the
 * user signs in or says not to ask again), and in the Pipelines view's welcome.
 */
export class CiDetection {
  private detected: readonly DetectedCi[] = [];
  private notified = new Set<string>();

  constructor(private readonly deps: CiDetectionDeps) {}

  /** Scans the workspace folders (at most one match per pattern) and offers what it found. */
  async run(): Promise<void> {
    this.detected = await this.scan();
    if (this.detected.length > 0) {
      this.deps.logger.debug(`CI configuration in the workspace: ${this.detected.map((found) => `${found.kind} (${found.file})`).join(', ')}`);
    }
    await this.update(true);
  }

  /** After a sign-in or sign-out: the welcome follows, no new notification. */
  async update(notify = false): Promise<void> {
    const offers = await this.offers();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, offers.length > 0);
    if (notify) {
      for (const offer of offers.filter((found) => !this.notified.has(found.kind))) {
        this.notified.add(offer.kind);
        void this.notify(offer);
      }
    }
  }

  /** The detected systems without a signed-in account, for "Sign In to Detected CI…". */
  async offers(): Promise<DetectedCi[]> {
    const signed = new Map<string, boolean>();
    for (const found of this.detected) {
      signed.set(found.kind, await this.deps.signedIn(found.kind));
    }
    return offersFor(this.detected, (kind) => signed.get(kind) === true, new Set());
  }

  private dismissed(): Set<string> {
    const value = this.deps.memento.get<unknown>(DISMISSED_KEY);
    return new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  }

  private async notify(offer: DetectedCi): Promise<void> {
    if (this.dismissed().has(offer.kind)) {
      return;
    }
    const label = this.deps.label(offer.kind);
    const signIn = vscode.l10n.t('Sign In to {0}', label);
    const never = vscode.l10n.t("Don't Ask Again");
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('FlowForge found {0} configuration ({1}) in this workspace. Sign in to see its pipelines.', label, offer.file), signIn, never);
    if (choice === signIn) {
      await this.deps.signIn(offer.kind);
    } else if (choice === never) {
      await this.deps.memento.update(DISMISSED_KEY, [...this.dismissed(), offer.kind]);
    }
  }

  private async scan(): Promise<DetectedCi[]> {
    const found: DetectedCi[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const [kind, patterns] of this.deps.configFiles) {
        for (const pattern of patterns) {
          const [uri] = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), '**/node_modules/**', 1);
          if (uri) {
            found.push({ kind, file: vscode.workspace.asRelativePath(uri, false) });
            break;
          }
        }
      }
    }
    return found;
  }
}
