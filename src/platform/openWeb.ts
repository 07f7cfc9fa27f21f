/**
 * The one place FlowForge hands a URL to the system browser. URLs come from CI APIs (run and job
 * pages) or from the webview: only absolute http(s) URLs without credentials are ever opened.
 */
import * as vscode from 'vscode';
import { isSafeWebUrl } from '../shared/validate';

/** Opens `url` in the browser; returns false (and opens nothing) for anything but an http(s) URL. */
export async function openWebUrl(url: string): Promise<boolean> {
  if (!isSafeWebUrl(url)) {
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}
