/** Plain-text tables for the benchmark output. */

export type Row = readonly [label: string, value: string, target?: string];

export function table(title: string, rows: readonly Row[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const lines = rows.map(([label, value, target]) => `  ${label.padEnd(width)}  ${value.padStart(valueWidth)}${target === undefined ? '' : `   (${target})`}`);
  return [`\n${title}`, `  ${'-'.repeat(width + valueWidth + 2)}`, ...lines].join('\n');
}

export const int = (value: number | undefined): string => (value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US'));
export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const kb = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KB (${int(bytes)} B)`);
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)}x` : 'inf');
