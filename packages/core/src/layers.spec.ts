// The CLI is the top of core: operations (capture, bench, …) write through text/'s TextSink and
// never reach up into cli/. Only the package entry re-exports the CLI's main.
import path from 'node:path';
import { importsOf, productSources } from '../../../tools/test-support/module-imports';

const src = __dirname;

test('nothing outside cli/ imports from cli/, but the package entry', () => {
  const reachingUp = productSources(src)
    .filter((file) => !file.startsWith('cli/') && file !== 'index.ts')
    .flatMap((file) =>
      importsOf(path.join(src, file))
        .filter((specifier) => specifier.startsWith('.') && path.relative(src, path.resolve(src, path.dirname(file), specifier)).split(path.sep)[0] === 'cli')
        .map((specifier) => `${file} → ${specifier}`),
    );
  expect(reachingUp).toEqual([]);
  // The check sees imports: the entry's re-export of the CLI is one.
  expect(importsOf(path.join(src, 'index.ts'))).toContain('./cli/main');
});
