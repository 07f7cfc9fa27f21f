/**
 * HTML shell and Content-Security-Policy of the run details webview. Pure (no `vscode`):
 * runPanel.ts passes in the webview's cspSource and resource URIs.
 */
import { randomBytes } from 'node:crypto';

export interface HtmlInputs {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** Fresh for every load. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** dist/codicons/codicon.css (VS Code's icon font). */
  readonly codiconsUri: string;
  readonly title: string;
}

/** A new random nonce (128 bits, base64 without padding characters that need escaping). */
export function createNonce(): string {
  return randomBytes(16).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '');
}

export function buildCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    // Only inline data: raster images are shown (htmlSanitize.ts); no image is ever loaded from a URL.
    "img-src data:",
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildHtml(inputs: HtmlInputs): string {
  const nonce = escapeAttribute(inputs.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildCsp(inputs.cspSource, inputs.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(inputs.title)}</title>
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(inputs.codiconsUri)}">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(inputs.styleUri)}">
</head>
<body>
<script nonce="${nonce}" src="${escapeAttribute(inputs.scriptUri)}"></script>
</body>
</html>`;
}
