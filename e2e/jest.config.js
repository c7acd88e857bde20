// End-to-end tests: real npm tarballs installed into fresh Nx workspaces, real Go. Slow by
// nature, so the timeout is long; tests inside a file share one workspace and run in order.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.e2e.spec.ts'],
  // Timing-sensitive suites run alone after everything else (jest.quiet.config.js).
  testPathIgnorePatterns: ['/node_modules/', '\\.quiet\\.e2e\\.spec\\.ts$'],
  // Builds and packs the packages and installs them once per run, before any worker starts.
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/src/support/timeout.ts'],
};
