// Golden files under test/goldens/: see src/test-support/golden.ts.
export * from '../../src/test-support/golden.js';
