/**
 * Scenario time: seconds since the scenario started, running at `speed` times
 * real time (0 = paused) and movable on demand (advance / set), so e2e tests
 * make the scenario happen when they want instead of sleeping.
 *
 * Wall-clock timestamps for the API (created_at, log line stamps): scenario
 * second s is stamped anchorReal + (s - anchorTime) s, where the anchor is the
 * last (real time, scenario time) pair set by advance / set / setSpeed. At
 * speed 1 that is "scenario now = real now"; timestamps stay stable between
 * two changes, also while paused.
 */

export class ScenarioClock {
  private anchorReal: number;
  private anchorTime: number;
  private speedValue: number;

  constructor(options: { start?: number; speed?: number; realNow?: () => number } = {}) {
    this.realNow = options.realNow ?? Date.now;
    this.anchorReal = this.realNow();
    this.anchorTime = options.start ?? 0;
    this.speedValue = options.speed ?? 1;
  }

  private readonly realNow: () => number;

  /** Scenario seconds. */
  now(): number {
    return this.anchorTime + ((this.realNow() - this.anchorReal) / 1000) * this.speedValue;
  }

  get speed(): number {
    return this.speedValue;
  }

  setSpeed(speed: number): void {
    this.reanchor();
    this.speedValue = Math.max(0, speed);
  }

  advance(seconds: number): void {
    this.set(this.now() + Math.max(0, seconds));
  }

  set(time: number): void {
    this.anchorTime = time;
    this.anchorReal = this.realNow();
  }

  /** Milliseconds since the epoch for scenario second `time`. */
  wallTime(time: number): number {
    return this.anchorReal + (time - this.anchorTime) * 1000;
  }

  private reanchor(): void {
    this.set(this.now());
  }
}
