import { setOptions } from './set-options';

test('only the options that are set, so the settings they override keep their other values', () => {
  const options: { rounds?: number; requests?: number; outputDir: string } = { rounds: 0, outputDir: 'x' };
  expect(setOptions(options, ['rounds', 'requests'])).toEqual({ rounds: 0 });
  expect({ rounds: 10, requests: 2000, ...setOptions(options, ['rounds', 'requests']) }).toEqual({ rounds: 0, requests: 2000 });
});
