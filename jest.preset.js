// Shared Jest settings for every package: TypeScript through SWC (type checking is `tsc -b`'s
// job), sources of sibling packages resolved from src/ so tests never need a prior build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  testTimeout: 60_000,
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@go-pgo/(pprof|core|nx)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    '^@go-pgo/core/graph$': path.join(__dirname, 'packages/core/src/graph.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
