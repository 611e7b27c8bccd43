import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Journeys share one server, so later ones see what earlier ones left (audit entries, users).
 * Run them in file-name order every time instead of Vitest's duration-based order.
 */
class FileNameSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return Promise.resolve([...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId)));
  }
}

export default defineConfig({
  // Relative to the root below: keep Vitest's cache out of e2e/.
  cacheDir: '../node_modules/.vite/e2e',
  test: {
    root: import.meta.dirname,
    include: ['journeys/**/*.test.ts'],
    // One server and one owner account: journeys run one file at a time.
    fileParallelism: false,
    pool: 'forks',
    sequence: { sequencer: FileNameSequencer },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default; a page that suspends on a slow (or busy) machine
    // needs as long as Playwright's own waits (newContext's default timeout).
    expect: { poll: { timeout: 10_000 } },
  },
});
