/**
 * Pipeline console bookkeeping as log folds: Jenkins writes `[Pipeline] { (Build)` where a stage (or
 * a parallel branch) opens and `[Pipeline] }` where a block closes. Named blocks become the log
 * viewer's nestable section markers (`section_start:…:name` / `section_end:…:name`, the GitLab
 * form it folds); the brace lines and `[Pipeline] stage` disappear (the fold header says it), other
 * `[Pipeline] step` lines are dimmed. The open blocks are carried from one tail read to the next.
 * Pure.
 */

/** Open blocks, innermost last: a section name, or null for an unnamed block (node, withEnv…). */
export interface FoldState {
  readonly open: readonly (string | null)[];
  /** Sections opened so far (names stay unique within one console). */
  readonly count: number;
}

export const NO_FOLDS: FoldState = { open: [], count: 0 };

const PIPELINE = '[Pipeline] ';
const OPEN = /^\[Pipeline\] \{(?: \((.*)\))?\s*$/;
const CLOSE = /^\[Pipeline\] \}\s*$/;
/** Lines that only repeat what the fold shows. */
const HIDDEN = /^\[Pipeline\] (?:stage|parallel|Start of Pipeline|End of Pipeline)\s*$/;
const DIM = '\x1b[2m';
const UNDIM = '\x1b[22m';

function start(name: string, title: string): string {
  return `section_start:0:${name}\r\x1b[0K${title}`;
}

function end(name: string): string {
  return `section_end:0:${name}\r\x1b[0K`;
}

/** Folds complete lines of console text (each ending in "\n", or the last one of a finished log). */
export function foldPipelineLines(text: string, state: FoldState): { readonly text: string; readonly state: FoldState } {
  if (!text.includes(PIPELINE)) return { text, state };
  const open = [...state.open];
  let count = state.count;
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const plain = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (!plain.startsWith(PIPELINE)) {
      out.push(line);
      continue;
    }
    const opened = OPEN.exec(plain);
    if (opened) {
      const title = opened[1]?.replace(/^Branch: /, '');
      const name = title !== undefined && title !== '' ? `stage_${++count}` : null;
      open.push(name);
      if (name !== null) out.push(start(name, title ?? ''));
    } else if (CLOSE.test(plain)) {
      const name = open.pop();
      if (name !== undefined && name !== null) out.push(end(name));
    } else if (!HIDDEN.test(plain)) {
      out.push(`${DIM}${plain}${UNDIM}`);
    }
  }
  // A trailing "\n" stays as the final empty element; hidden lines go with theirs.
  return { text: out.join('\n'), state: { open, count } };
}
