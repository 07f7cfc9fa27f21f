/**
 * When a full poll reads the merge gate of a repository's current branch, so that an idle branch
 * costs (almost) nothing: at once for the first read of a branch, after a manual refresh, while the
 * last answer was still pending, and every GATE_REFRESH_MS; otherwise only when the poll found the
 * branch's runs changed (a push or a finished pipeline is what moves a gate).
 */
import { summarizeGate, type MergeReadiness } from './mergeReadiness';

/** Longest time an unchanged branch's gate goes unread (a review or a status from outside CI). */
export const GATE_REFRESH_MS = 5 * 60_000;

export type GateRead = 'now' | 'ifBranchChanged' | 'off';

export interface GateReadInput {
  readonly enabled: boolean;
  /** A manual refresh asked for fresh data. */
  readonly forced: boolean;
  /** Epoch ms of the last read for the current branch; undefined when never read. */
  readonly lastReadAt: number | undefined;
  readonly now: number;
  readonly last: MergeReadiness | undefined;
}

export function gateRead(input: GateReadInput): GateRead {
  if (!input.enabled) {
    return 'off';
  }
  if (input.forced || input.lastReadAt === undefined || input.now - input.lastReadAt >= GATE_REFRESH_MS) {
    return 'now';
  }
  return input.last !== undefined && summarizeGate(input.last).verdict === 'pending' ? 'now' : 'ifBranchChanged';
}
