/**
 * Finds clickable references in log text: http(s) URLs and `path:line[:col]` file
 * references. The host re-validates both (scheme; file inside the workspace). Pure.
 */

export type LinkPart =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'url'; readonly text: string; readonly url: string }
  | { readonly t: 'file'; readonly text: string; readonly path: string; readonly line: number; readonly column?: number };

// A URL, or a path followed by :line[:col]. The path is kept whole, as written: an optional
// root (`/`, `~/`, a drive), folders (dot-folders too), and a file name with an extension
// (`a.ts`, `.eslintrc.js`) or a dot-file (`.env`). It never starts inside a word or a path.
const ROOT = String.raw`(?:[A-Za-z]:[\\/]|~[\\/]|[\\/])?`;
const FOLDERS = String.raw`(?:[\w@+.-]+[\\/])*`;
const FILE_NAME = String.raw`(?:\.?[\w@+-][\w@+.-]*\.[A-Za-z]\w{0,9}|\.[\w@+-][\w@+.-]*)`;
const LINK = new RegExp(String.raw`\bhttps?:\/\/[^\s<>"'\`)\]]+|(?<![\w@+.\\/~-])(${ROOT}${FOLDERS}${FILE_NAME}):(\d{1,7})(?::(\d{1,7}))?\b`, 'g');

const MAX_SCAN = 4096;

export function splitLinks(text: string): LinkPart[] {
  // Cheap rejections: most lines have neither ':' followed by a digit nor a URL.
  if (text.length > MAX_SCAN || !/:\/\/|:\d/.test(text)) {
    return [{ t: 'text', text }];
  }
  const parts: LinkPart[] = [];
  let pos = 0;
  LINK.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = LINK.exec(text)) !== null) {
    const found = match[0];
    if (match.index > pos) parts.push({ t: 'text', text: text.slice(pos, match.index) });
    if (found.startsWith('http')) {
      const url = found.replace(/[.,;:]+$/, '');
      parts.push({ t: 'url', text: url, url });
      pos = match.index + url.length;
      LINK.lastIndex = pos;
      continue;
    }
    const path = match[1] ?? '';
    const line = Number(match[2]);
    const column = match[3] === undefined ? undefined : Number(match[3]);
    if (line >= 1) {
      parts.push(column !== undefined && column >= 1 ? { t: 'file', text: found, path, line, column } : { t: 'file', text: found, path, line });
    } else {
      parts.push({ t: 'text', text: found });
    }
    pos = match.index + found.length;
  }
  if (pos < text.length) parts.push({ t: 'text', text: text.slice(pos) });
  return parts;
}
