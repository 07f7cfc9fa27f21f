/** KEY=value text as typed into a run form (environment variables, meta-data, queue-time variables). Pure. */
import type { FieldValue } from '../core/ci/dispatchForm';

/** "A=1, B=two\nC=x=y" -> { A: "1", B: "two", C: "x=y" }; entries without "=" or a key are dropped. */
export function parsePairs(text: FieldValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of String(text ?? '').split(/[\n,]/)) {
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (key !== '') out[key] = entry.slice(eq + 1).trim();
  }
  return out;
}
