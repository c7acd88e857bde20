import { coveredByWorkspaces } from './workspace-globs';

test.each([
  [['services/cmd/api'], 'services/cmd/api', true],
  [['./services/cmd/api/'], 'services/cmd/api', true],
  [['services/cmd/*'], 'services/cmd/api', true],
  [['services/*'], 'services/cmd/api', false],
  [['services/**'], 'services/cmd/api', true],
  [['**/cmd/*'], 'services/cmd/api', true],
  [['**/cmd/*'], 'cmd/api', true],
  [['services/cmd/ap?'], 'services/cmd/api', true],
  [['services/cmd/*', '!services/cmd/api'], 'services/cmd/api', false],
  [['!services/cmd/api', 'services/cmd/*'], 'services/cmd/api', true],
  [['services.cmd/*'], 'servicesXcmd/api', false],
  [[], 'services/cmd/api', false],
])('%j covers %s: %s', (patterns, dir, covered) => {
  expect(coveredByWorkspaces(patterns, dir)).toBe(covered);
});
