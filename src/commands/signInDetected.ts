import * as vscode from 'vscode';
import type { CiDetection } from '../platform/ciDetection';

/** `FlowForge: Sign In to Detected CI…`: the CI systems the workspace's files name that have no account signed in. */
export function signInDetectedCommand(detection: CiDetection, label: (kind: string) => string, signIn: (kind: string) => Promise<void>) {
  return async (): Promise<void> => {
    const offers = await detection.offers();
    if (offers.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('FlowForge is signed in to every CI system this workspace uses.'));
      return;
    }
    const pick =
      offers.length === 1
        ? offers[0]
        : (await vscode.window.showQuickPick(
            offers.map((offer) => ({ label: label(offer.kind), description: offer.file, offer })),
            { title: vscode.l10n.t('FlowForge: Sign In to Detected CI…') },
          ))?.offer;
    if (pick) {
      await signIn(pick.kind);
    }
  };
}
