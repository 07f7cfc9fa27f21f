/**
 * GitHub-flavoured Markdown tables for check-run summaries (test reporters use them a lot):
 * a header row, a delimiter row (`| --- | :-: |`), then body rows. Cells are inline Markdown.
 * Pure; rows and columns are capped so a hostile summary cannot build a huge DOM.
 */
export type Align = 'left' | 'center' | 'right' | undefined;

export const MAX_TABLE_ROWS = 500;
export const MAX_TABLE_COLUMNS = 30;

const DELIMITER_CELL = /^\s*:?-{1,}:?\s*$/;

/** Splits `| a | b \| c |` into trimmed cells, honouring escaped pipes. */
export function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells.slice(0, MAX_TABLE_COLUMNS);
}

/** True when `header` and `delimiter` start a table. */
export function isTableStart(header: string | undefined, delimiter: string | undefined): boolean {
  if (header === undefined || delimiter === undefined || !header.includes('|') || !delimiter.includes('-')) {
    return false;
  }
  const cells = splitRow(delimiter);
  return cells.length > 0 && cells.every((cell) => DELIMITER_CELL.test(cell)) && splitRow(header).length === cells.length;
}

export function alignments(delimiter: string): Align[] {
  return splitRow(delimiter).map((cell) => {
    const c = cell.trim();
    if (c.startsWith(':') && c.endsWith(':')) return 'center';
    if (c.endsWith(':')) return 'right';
    if (c.startsWith(':')) return 'left';
    return undefined;
  });
}
