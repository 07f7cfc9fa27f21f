/**
 * The duration chart (one point per run, oldest left, coloured by result, with median and
 * p90 lines) and the success/failure strip, as SVG written here: no library, no remote
 * resources. Colours are theme variables (insights.css), so light, dark and high-contrast work.
 */
import type { InsightsRunView, InsightsStatsView } from '../../shared/insightsProtocol';
import { formatDuration, stateLabel } from '../format';
import { svg, svgText, svgTitle } from './svg';

const WIDTH = 760;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

export function runLabel(run: InsightsRunView): string {
  const attempt = run.attempt > 1 ? ` (attempt ${run.attempt})` : '';
  const duration = run.durationMs === undefined ? 'not finished' : formatDuration(run.durationMs);
  return `#${run.number}${attempt}: ${stateLabel(run.state)}, ${duration}${run.branch === undefined ? '' : `, ${run.branch}`}`;
}

/** A round number of seconds/minutes above `ms`, for the top of the y axis. */
function niceMax(ms: number): number {
  const steps = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400].map((s) => s * 1000);
  return steps.find((step) => step >= ms) ?? Math.ceil(ms / 86_400_000) * 86_400_000;
}

export function durationChart(runs: readonly InsightsRunView[], stats: InsightsStatsView, onOpen: (runId: string) => void): SVGSVGElement {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxMs = niceMax(Math.max(1000, ...runs.map((run) => run.durationMs ?? 0)));
  const x = (i: number): number => MARGIN.left + (runs.length <= 1 ? plotW / 2 : (plotW * i) / (runs.length - 1));
  const y = (ms: number): number => MARGIN.top + plotH - (plotH * ms) / maxMs;
  const label = `Duration of ${runs.length} runs, oldest first. Median ${stats.medianMs === undefined ? 'unknown' : formatDuration(stats.medianMs)}, p90 ${stats.p90Ms === undefined ? 'unknown' : formatDuration(stats.p90Ms)}.`;
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' });
  for (const fraction of [0, 0.5, 1]) {
    const ms = maxMs * fraction;
    root.append(svg('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(ms), y2: y(ms) }), svgText(MARGIN.left - 6, y(ms) + 4, formatDuration(ms), 'axis', 'end'));
  }
  for (const [name, ms] of [['median', stats.medianMs], ['p90', stats.p90Ms]] as const) {
    if (ms === undefined) continue;
    root.append(svg('line', { class: `ref ref-${name}`, x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(ms), y2: y(ms) }), svgText(WIDTH - MARGIN.right, y(ms) - 3, `${name} ${formatDuration(ms)}`, `ref-label ref-${name}`, 'end'));
  }
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first !== undefined && last !== undefined) {
    root.append(svgText(MARGIN.left, HEIGHT - 8, `#${first.number}`, 'axis', 'start'), svgText(WIDTH - MARGIN.right, HEIGHT - 8, `#${last.number}`, 'axis', 'end'));
  }
  const points = svg('g', { class: 'points' });
  runs.forEach((run, i) => {
    const pending = run.durationMs === undefined;
    const point = svg('circle', { class: `point state-${run.state}${pending ? ' pending' : ''}`, cx: x(i), cy: y(run.durationMs ?? 0), r: 4, 'data-run-id': run.runId }, [svgTitle(runLabel(run))]);
    point.addEventListener('click', () => onOpen(run.runId));
    points.append(point);
  });
  root.append(points);
  return root;
}

/** One cell per run, oldest first: green success, red failure, grey anything else. Decorative (the table says it). */
export function resultStrip(runs: readonly InsightsRunView[]): SVGSVGElement {
  const cell = Math.max(2, Math.min(14, Math.floor((WIDTH - 2) / Math.max(1, runs.length))));
  const root = svg('svg', { class: 'strip', viewBox: `0 0 ${Math.max(1, runs.length) * cell} 14`, width: Math.max(1, runs.length) * cell, height: 14, 'aria-hidden': 'true' });
  runs.forEach((run, i) => root.append(svg('rect', { class: `cell state-${run.state}`, x: i * cell, y: 0, width: cell - 1, height: 14 }, [svgTitle(runLabel(run))])));
  return root;
}
