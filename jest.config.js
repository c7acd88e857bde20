// `npm test` runs every package's tests (and e2e) in one Jest run, so CI prints one summary.
module.exports = {
  projects: ['<rootDir>/packages/pprof', '<rootDir>/packages/core', '<rootDir>/packages/nx', '<rootDir>/e2e'],
  maxWorkers: 2,
  // Tests run the real Go toolchain on real profiles; on 2 busy cores 5 s is not enough.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tools/jest/closing-line-reporter.js'],
};
