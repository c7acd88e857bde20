// The timing-sensitive end-to-end suites (*.quiet.e2e.spec.ts), run by `npm test` after every
// other suite and alone (one worker), so that no other test's Go builds share the two cores
// with the PGO benchmark they measure.
const e2e = require('./jest.config.js');

module.exports = {
  ...e2e,
  testMatch: ['**/*.quiet.e2e.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  // tools/scripts/test.js prints the closing line for both phases.
  reporters: ['default'],
};
