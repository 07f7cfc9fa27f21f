/** Scenario time for fakes: starts at a fixed instant and moves only when told. */

export class ManualClock {
  constructor(private current = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  set(ms: number): void {
    this.current = ms;
  }

  iso(offsetMs = 0): string {
    return new Date(this.current + offsetMs).toISOString();
  }
}

export interface TimeSource {
  now(): number;
}
