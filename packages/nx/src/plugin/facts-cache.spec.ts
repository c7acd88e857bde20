import fs, { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateNodesResultArray } from '@nx/devkit';
import { workspaceDataDirectoryForWorkspace } from 'nx/src/utils/cache-directory';
import { copyFixture, removeWorkspace, runCreateNodes, settle, SETTLED } from './go-workspace.spec-helper';

type Run = typeof runCreateNodes;

/** The Go sources and module files that `run` reads (whole, or their first bytes), workspace-relative, in order. */
async function goReads(root: string, run: () => Promise<CreateNodesResultArray>): Promise<{ results: CreateNodesResultArray; reads: string[] }> {
  const opened: string[] = [];
  // readFileSync into a Buffer opens the file through fs.openSync; decoding it to text does not.
  const counts = { readFileSync: (options: unknown) => options !== undefined, openSync: () => true };
  const spies = (['readFileSync', 'openSync'] as const).map((name) => {
    const original = fs[name] as (file: unknown, ...rest: unknown[]) => unknown;
    return jest.spyOn(fs, name).mockImplementation(((file: unknown, ...rest: unknown[]) => {
      if (counts[name](rest[0])) opened.push(String(file));
      return original(file, ...rest);
    }) as never);
  });
  try {
    const results = await run();
    const reads = opened.filter((file) => /(\.go|\/go\.mod|\/go\.work|\/pgo\.yaml)$/.test(file)).map((file) => path.relative(root, file));
    return { results, reads };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** createNodes from a fresh copy of the plugin's modules: a new process, with only the disk cache. */
async function freshRun(): Promise<Run> {
  let run: Run | undefined;
  await jest.isolateModulesAsync(async () => {
    run = (await import('./go-workspace.spec-helper')).runCreateNodes;
  });
  return run!;
}

const cacheFiles = (root: string): string[] => readdirSync(path.join(workspaceDataDirectoryForWorkspace(root), 'go-pgo')).sort();
const inputsOf = (results: CreateNodesResultArray, dir: string): unknown =>
  results.flatMap(([, r]) => Object.entries(r.projects ?? {})).find(([root]) => root === dir)![1].namedInputs!['goBuild'];
/** A settled mtime other than the one the cache recorded. */
const LATER = new Date(SETTLED.getTime() + 60_000);

describe('the graph cache', () => {
  let root: string;
  let first: CreateNodesResultArray;
  let coldReads: string[];
  beforeEach(async () => {
    root = copyFixture();
    ({ results: first, reads: coldReads } = await goReads(root, () => runCreateNodes(root)));
  });
  afterEach(() => removeWorkspace(root));

  test('the first run reads the Go sources; a second run reads none and gives the same projects', async () => {
    expect(coldReads).toEqual(expect.arrayContaining(['go.work', 'services/go.mod', 'libs/runner/runner.go', 'services/cmd/api/main.go']));
    const warm = await goReads(root, () => runCreateNodes(root));
    expect(warm.reads).toEqual([]);
    expect(warm.results).toEqual(first);
  });

  test('a new process reads the cache from the workspace data directory and no Go file', async () => {
    expect(cacheFiles(root)).toEqual([
      expect.stringMatching(/^graph-[0-9a-f]{16}\.headers\.json$/),
      expect.stringMatching(/^graph-[0-9a-f]{16}\.json$/),
    ]);
    const run = await freshRun();
    const warm = await goReads(root, () => run(root));
    expect(warm.reads).toEqual([]);
    expect(warm.results).toEqual(first);
  });

  test('a touch (mtime only) re-reads that one file once, changes nothing, and is then trusted again', async () => {
    utimesSync(path.join(root, 'libs/runner/runner.go'), LATER, LATER);
    const touched = await goReads(root, () => runCreateNodes(root));
    expect(touched.reads).toEqual(['libs/runner/runner.go']);
    expect(touched.results).toEqual(first);
    const run = await freshRun();
    expect((await goReads(root, () => run(root))).reads).toEqual([]);
  });

  test('a changed import changes the closure and the inputs', async () => {
    const file = path.join(root, 'services/internal/pricing/pricing.go');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^package pricing\n/m, 'package pricing\n\nimport _ "example.com/acme/libs/checksum"\n'));
    settle(path.dirname(file));
    const changed = await goReads(root, () => runCreateNodes(root));
    // Its header is read to compare (it changed), then by the rescan, which reads the module
    // files too; every other source's header comes from the per-file cache of the last scan
    // (libs/checksum's too: report imports it).
    expect(changed.reads.filter((f) => f.endsWith('.go'))).toEqual(['services/internal/pricing/pricing.go', 'services/internal/pricing/pricing.go']);
    expect(changed.reads).toContain('go.work');
    expect(inputsOf(changed.results, 'services/cmd/api')).toContain('{workspaceRoot}/libs/checksum/*.go');
    expect(inputsOf(first, 'services/cmd/api')).not.toContain('{workspaceRoot}/libs/checksum/*.go');
    expect(inputsOf(changed.results, 'services/cmd/worker')).toEqual(inputsOf(first, 'services/cmd/worker'));
  });

  test('a change of content of the same size is told by its hash; the new content is then cached', async () => {
    const file = path.join(root, 'tools/internal/report/report.go');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('aggregates sales', 'aggregates SALES'));
    utimesSync(file, LATER, LATER);
    const changed = await goReads(root, () => runCreateNodes(root));
    // Re-read to compare, then again by the rescan; the other sources come from the per-file cache.
    expect(changed.reads.filter((f) => f === 'tools/internal/report/report.go')).toHaveLength(2);
    expect(changed.reads).not.toContain('services/cmd/api/main.go');
    expect(changed.results).toEqual(first);
    expect((await goReads(root, () => runCreateNodes(root))).reads).toEqual([]);
  });

  test('an edit that leaves the header as it was (below the imports) reads that file alone, rescans nothing, and is then trusted', async () => {
    appendFileSync(path.join(root, 'tools/internal/report/report.go'), '\n// more\n');
    utimesSync(path.join(root, 'tools/internal/report/report.go'), LATER, LATER);
    const changed = await goReads(root, () => runCreateNodes(root));
    expect(changed.reads).toEqual(['tools/internal/report/report.go']);
    expect(changed.results).toEqual(first);
    const run = await freshRun();
    expect((await goReads(root, () => run(root))).reads).toEqual([]);
  });

  test('headers stored by another scan than the facts\' (their write failed) vouch for no edit: a rescan', async () => {
    const headers = path.join(workspaceDataDirectoryForWorkspace(root), 'go-pgo', cacheFiles(root).find((f) => f.endsWith('.headers.json'))!);
    writeFileSync(headers, readFileSync(headers, 'utf8').replace(/"scan":"[^"]+"/, '"scan":"an earlier scan"'));
    appendFileSync(path.join(root, 'tools/internal/report/report.go'), '\n// more\n');
    utimesSync(path.join(root, 'tools/internal/report/report.go'), LATER, LATER);
    const changed = await goReads(root, () => runCreateNodes(root));
    expect(changed.reads).toContain('go.work');
    expect(changed.results).toEqual(first);
  });

  test.each([
    ['a build constraint', (text: string) => `//go:build ignore\n\n${text}`],
    ['an import', (text: string) => text.replace(/^package pricing\n/m, 'package pricing\n\nimport _ "errors"\n')],
    ['the package clause, to one that does not parse', (text: string) => text.replace(/^package pricing$/m, 'package')],
  ])('an edit of %s is a rescan', async (_, edit) => {
    const file = path.join(root, 'services/internal/pricing/pricing.go');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    utimesSync(file, LATER, LATER);
    const changed = await goReads(root, () => runCreateNodes(root));
    expect(changed.reads).toContain('go.work');
  });

  test('a //go:embed directive added below the imports is a rescan that adds the embedded file to the inputs', async () => {
    const file = path.join(root, 'services/internal/pricing/pricing.go');
    const text = readFileSync(file, 'utf8').replace(/^package pricing\n/m, 'package pricing\n\nimport _ "embed"\n');
    writeFileSync(path.join(root, 'services/internal/pricing/rates.txt'), 'eu 200\n');
    writeFileSync(file, text);
    settle(path.dirname(file));
    await runCreateNodes(root);
    writeFileSync(file, `${text}\n//go:embed rates.txt\nvar rates string\n`);
    utimesSync(file, LATER, LATER);
    const embedded = await goReads(root, () => runCreateNodes(root));
    expect(embedded.reads).toContain('go.work');
    const embedInput = { fileset: '{workspaceRoot}/services/internal/pricing/rates.txt', includeIgnored: true };
    expect(inputsOf(embedded.results, 'services/cmd/api')).toContainEqual(embedInput);
    expect(inputsOf(first, 'services/cmd/api')).not.toContainEqual(embedInput);
  });

  test('of a large file only the start is read and recorded: an edit past it keeps the facts; an edit of its imports does not', async () => {
    const file = path.join(root, 'tools/internal/tabulate/table_data.go');
    const body = (tail: string): string => `package tabulate\n\nimport _ "errors"\n\nvar table = "${'x'.repeat(40_000)}${tail}"\n`;
    writeFileSync(file, body('a'));
    settle(path.dirname(file));
    const seen = await goReads(root, () => runCreateNodes(root));
    expect(seen.reads).toContain('tools/internal/tabulate/table_data.go');
    writeFileSync(file, body('b'));
    utimesSync(file, LATER, LATER);
    const edited = await goReads(root, () => runCreateNodes(root));
    // Re-read as far as recorded, found equal: no rescan.
    expect(edited.reads).toEqual(['tools/internal/tabulate/table_data.go']);
    writeFileSync(file, body('b').replace('import _ "errors"', 'import _ "strings"'));
    utimesSync(file, LATER, LATER);
    // Its header changed: read to compare, then by a rescan, which reads no other source (but the module files).
    const rescan = await goReads(root, () => runCreateNodes(root));
    expect(rescan.reads.filter((f) => f.endsWith('.go'))).toEqual(['tools/internal/tabulate/table_data.go', 'tools/internal/tabulate/table_data.go']);
    expect(rescan.reads).toContain('go.work');
  });

  test('a new file in a package is seen through its directory', async () => {
    writeFileSync(path.join(root, 'tools/internal/tabulate/extra.go'), 'package tabulate\n\nimport _ "example.com/acme/libs/checksum"\n');
    settle(path.join(root, 'tools/internal/tabulate'));
    const changed = await goReads(root, () => runCreateNodes(root));
    expect(inputsOf(changed.results, 'tools/cmd/report')).toContain('{workspaceRoot}/libs/checksum/*.go');
  });

  test('a new binary directory is seen', async () => {
    mkdirSync(path.join(root, 'tools/cmd/sync'));
    writeFileSync(path.join(root, 'tools/cmd/sync/main.go'), 'package main\n\nfunc main() {}\n');
    settle(path.join(root, 'tools/cmd'));
    const changed = await goReads(root, () => runCreateNodes(root));
    expect(changed.results.flatMap(([, r]) => Object.keys(r.projects ?? {}))).toContain('tools/cmd/sync');
  });

  test('adding a profile or a pgo.yaml re-reads those, not the Go sources', async () => {
    writeFileSync(path.join(root, 'services/cmd/api/default.pgo'), 'profile bytes');
    writeFileSync(path.join(root, 'tools/cmd/api/pgo.yaml'), 'profile: api.pgo\n');
    settle(path.join(root, 'services/cmd/api'));
    settle(path.join(root, 'tools/cmd/api'));
    const changed = await goReads(root, () => runCreateNodes(root));
    expect(changed.reads).toEqual(['tools/cmd/api/pgo.yaml']);
    const options = (dir: string): unknown =>
      changed.results.flatMap(([, r]) => Object.entries(r.projects ?? {})).find(([r]) => r === dir)![1].targets!['pgo-build']!.options.profile;
    expect(options('services/cmd/api')).toBe('services/cmd/api/default.pgo');
    expect(options('tools/cmd/api')).toBe('tools/cmd/api/api.pgo');
    expect((await goReads(root, () => runCreateNodes(root))).reads).toEqual([]);
  });

  test('an edited Go source re-reads the Go sources, not the pgo.yaml files, while the binaries stay the same', async () => {
    writeFileSync(path.join(root, 'tools/cmd/api/pgo.yaml'), 'profile: api.pgo\n');
    settle(path.join(root, 'tools/cmd/api'));
    await runCreateNodes(root);
    appendFileSync(path.join(root, 'services/cmd/worker/main.go'), '\n// edited\n');
    settle(path.join(root, 'services/cmd/worker'));
    const edited = await goReads(root, () => runCreateNodes(root));
    expect(edited.reads).toContain('services/cmd/worker/main.go');
    expect(edited.reads).not.toContain('tools/cmd/api/pgo.yaml');
    // A new binary changes which project facts there are: they are read again.
    mkdirSync(path.join(root, 'tools/cmd/sync'));
    writeFileSync(path.join(root, 'tools/cmd/sync/main.go'), 'package main\n\nfunc main() {}\n');
    settle(path.join(root, 'tools/cmd'));
    expect((await goReads(root, () => runCreateNodes(root))).reads).toContain('tools/cmd/api/pgo.yaml');
  });

  test('a file modified just before it was read is compared by content on the next run', async () => {
    writeFileSync(path.join(root, 'libs/legacy/legacy.go'), readFileSync(path.join(root, 'libs/legacy/legacy.go')));
    writeFileSync(path.join(root, 'libs/runner/runner.go'), readFileSync(path.join(root, 'libs/runner/runner.go')));
    await runCreateNodes(root);
    // libs/legacy is in no closure and was not read; runner.go was, and its fresh mtime does not vouch for it.
    expect((await goReads(root, () => runCreateNodes(root))).reads).toEqual(['libs/runner/runner.go']);
  });

  test('each build (GOOS, tags) has its own entry; going back reuses the first', async () => {
    const saved = process.env['GOOS'];
    try {
      process.env['GOOS'] = 'windows';
      const windows = await goReads(root, () => runCreateNodes(root));
      expect(windows.reads.length).toBeGreaterThan(0);
      expect(inputsOf(windows.results, 'services/cmd/api')).toContain('{workspaceRoot}/services/internal/winsvc/*.go');
    } finally {
      if (saved === undefined) delete process.env['GOOS'];
      else process.env['GOOS'] = saved;
    }
    // Facts and per-file headers, for each build.
    expect(cacheFiles(root)).toHaveLength(4);
    const run = await freshRun();
    const back = await goReads(root, () => run(root));
    expect(back.reads).toEqual([]);
    expect(back.results).toEqual(first);
  });

  test('a corrupt cache file is a miss and is replaced', async () => {
    const name = cacheFiles(root).find((f) => /^graph-[0-9a-f]{16}\.json$/.test(f))!;
    const file = path.join(workspaceDataDirectoryForWorkspace(root), 'go-pgo', name);
    writeFileSync(file, '{"format": 1, "key": ');
    const run = await freshRun();
    const again = await goReads(root, () => run(root));
    expect(again.reads.length).toBeGreaterThan(0);
    expect(again.results).toEqual(first);
    expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
    // Written through a temporary file and a rename: none is left behind.
    expect(cacheFiles(root)).toEqual([name.replace(/\.json$/, '.headers.json'), name]);
  });

  test('a closure problem is cached with the facts, and warned about again from the cache until the file is fixed', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const file = path.join(root, 'services/internal/queue/queue.go');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, good.replace(/^package queue\n/m, 'package queue\n\nimport _ "example.com/acme/services/internal/nothere"\n'));
      settle(path.dirname(file));
      await runCreateNodes(root);
      const again = await goReads(root, () => runCreateNodes(root));
      expect(again.reads).toEqual([]);
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
        expect.stringContaining('services/internal/queue/queue.go:4: imports "example.com/acme/services/internal/nothere"'),
        expect.stringContaining('services/internal/queue/queue.go:4: imports "example.com/acme/services/internal/nothere"'),
      ]);
      writeFileSync(file, good);
      settle(path.dirname(file));
      warn.mockClear();
      expect((await goReads(root, () => runCreateNodes(root))).results).toEqual(first);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('a module left out for a broken go.mod is not cached: the broken file is read again until it is fixed', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      rmSync(path.join(root, 'go.work'));
      const file = path.join(root, 'tools/go.mod');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, 'module example.com/acme/tools\n\ngo 1.x\n');
      const configFiles = ['libs/go.mod', 'services/go.mod', 'tools/go.mod'];
      await runCreateNodes(root, undefined, configFiles);
      const again = await goReads(root, () => runCreateNodes(root, undefined, configFiles));
      expect(again.reads).toContain('tools/go.mod');
      expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('tools/go.mod:3: invalid go version "1.x"'));
      writeFileSync(file, good);
      const fixed = await runCreateNodes(root, undefined, configFiles);
      expect(fixed.map(([configFile]) => configFile)).toContain('tools/go.mod');
    } finally {
      warn.mockRestore();
    }
  });

});
