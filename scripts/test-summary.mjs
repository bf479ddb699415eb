// A vitest reporter, added beside the default one by `npm test` (scripts/run.mjs): at the end of
// the run it prints what was skipped and why, so a skip is never buried in the middle of the output.
// A test that skips prints its reason with console.warn, containing "SKIPPED:" or "Skipping"
// (see postgres-fixture.ts, event-store.contract.ts, html.browser.spec.ts); this collects those
// lines and counts the skipped tests per file.
import { relative } from 'node:path';

const isReason = (text) => /SKIPPED:|Skipping/.test(text);

export default class TestSummary {
  reasons = new Set();

  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onUserConsoleLog(log) {
    for (const line of log.content.split('\n')) if (isReason(line)) this.reasons.add(line.trim());
  }

  onTestRunEnd(testModules) {
    const skipped = new Map(); // file -> count
    let passed = 0;
    let failed = 0;
    for (const module of testModules) {
      const file = relative(this.root ?? process.cwd(), module.moduleId);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped.set(file, (skipped.get(file) ?? 0) + 1);
      }
    }
    const total = [...skipped.values()].reduce((a, b) => a + b, 0);
    const out = ['', `Test summary: ${passed} passed, ${failed} failed, ${total} skipped.`];
    if (total > 0) {
      out.push('Skipped:');
      for (const [file, count] of [...skipped].sort()) out.push(`  ${file}: ${count} test${count === 1 ? '' : 's'}`);
    }
    if (this.reasons.size > 0) {
      out.push('Why:');
      for (const reason of [...this.reasons].sort()) out.push(`  - ${reason}`);
    } else if (total > 0) out.push('Why: no reason was printed (a test that skips should say why with console.warn("… SKIPPED: reason")).');
    process.stdout.write(`${out.join('\n')}\n`);
  }
}
