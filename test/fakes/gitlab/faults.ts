/** Fault rules of the fake GitLab: the kit's, plus the `drop` and `stall` flags its tests use. */
import type { FaultRule as KitFaultRule } from '../kit';

export interface FaultRule extends KitFaultRule {
  /** Destroy the socket without answering. */
  readonly drop?: boolean;
  /** Send the headers and the start of the body, then nothing more until the client gives up. */
  readonly stall?: boolean;
}

export function kitRule({ drop, stall, ...rule }: FaultRule): KitFaultRule {
  return drop === true ? { ...rule, kind: 'reset' } : stall === true ? { ...rule, kind: 'stall' } : rule;
}
