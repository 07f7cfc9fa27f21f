// Entry point of the integration suite, loaded by VS Code's extension host
// (extensionTestsPath = out/test/e2e/integration/index.js). Runs every
// *.test.js next to it with mocha (BDD) inside the host, prints mocha's spec
// output (relayed to the terminal by the runner) and, when E2E_RESULTS_FILE is
// set, writes { passed, failed, skipped, failures } there for the parent script.

import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.E2E_TEST_TIMEOUT ?? 60_000),
    slow: 5_000,
  });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  for (const file of readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }

  const results: SuiteResults = { passed: 0, failed: 0, skipped: 0, failures: [] };
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (process.env.E2E_RESULTS_FILE) {
        writeFileSync(process.env.E2E_RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => { results.passed++; });
    runner.on('pending', () => { results.skipped++; });
    runner.on('fail', (test, err: unknown) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: err instanceof Error ? err.message : String(err) });
    });
  });
}
