// The plugin runs in a worker that Nx 24 starts for every graph computation: it takes core
// through @go-pgo/core/graph, whose modules are the scanner, the build context and the PGO
// file names, and never through core's full entry (capture, bench, reports, the CLI).
import path from 'node:path';
import { importsOf, productSources } from '../../../../tools/test-support/module-imports';

/** What the module loads of core when it runs (`import type` is erased). */
const coreImports = (file: string): string[] => importsOf(path.join(__dirname, file), { withTypes: false }).filter((s) => s.startsWith('@go-pgo/core'));

test('every module of the plugin imports core through @go-pgo/core/graph only', () => {
  const modules = productSources(__dirname);
  expect(modules).toContain('facts-cache.ts');
  expect(modules.flatMap((file) => coreImports(file).filter((s) => s !== '@go-pgo/core/graph').map((s) => `${file} → ${s}`))).toEqual([]);
});
