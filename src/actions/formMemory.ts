/** The last values entered per workflow, kept in memory so a failed dispatch can be retried prefilled. */
import type { FormValues } from '../core/ci/dispatchForm';

export class FormMemory {
  private readonly values = new Map<string, { ref: string; values: FormValues }>();

  static key(repoKey: string, pipelineId: string): string {
    return `${repoKey}#${pipelineId}`;
  }

  get(key: string): { ref: string; values: FormValues } | undefined {
    return this.values.get(key);
  }

  remember(key: string, ref: string, values: FormValues): void {
    this.values.set(key, { ref, values: { ...values } });
  }

  forget(key: string): void {
    this.values.delete(key);
  }
}
