import { globMatcher, isGlob } from './glob';

test.each([
  ['prod-us', 'prod-us', true],
  ['prod-us', 'prod-usa', false],
  ['eu-?', 'eu-1', true],
  ['eu-?', 'eu-12', false],
  ['10.0.0.*:6060', '10.0.0.5:6060', true],
  ['10.0.0.*:6060', '10.0.0.5:6061', false],
  ['10.0.0.5', '10a0b0c5', false],
  ['*', 'anything/at.all', true],
  ['api-*-canary', 'api-7f9c-x2-canary', true],
  ['a\\b[c]{d}(e)|f+^$', 'a\\b[c]{d}(e)|f+^$', true],
  ['main.(*T).M', 'main.(*T).M', true],
  ['main.(*T).*', 'main.(*T).Area', true],
  ['main.(*T).*', 'main.T.Area', false],
  ['héllo-?', 'héllo-ü', true],
])('%j matches %j: %s', (pattern, name, matches) => {
  expect(globMatcher(pattern)(name)).toBe(matches);
});

test('isGlob', () => {
  expect([isGlob('a*'), isGlob('a?'), isGlob('main.F')]).toEqual([true, true, false]);
});
