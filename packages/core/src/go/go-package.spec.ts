import { buildContext, type BuildContextOptions } from './build-context';
import { GoScanError } from './go-error';
import { PackageLoader } from './go-package';
import { MEMORY_ROOT, memoryReader } from './memory-reader.spec-helper';

const files = {
  'p/a.go': 'package p\n\nimport (\n\t"fmt"\n\t"example.com/x"\n)\n',
  'p/a_test.go': 'package p\n\nimport "example.com/testonly"\n',
  'p/ext_test.go': 'package p_test\n',
  'p/_scratch.go': 'package other\n',
  'p/.hidden.go': 'package other\n',
  'p/b_windows.go': 'package p\n\nimport "example.com/win"\n',
  'p/c.go': '//go:build ignore\n\npackage main\n\nimport "example.com/ignored"\n',
  'p/d.go': 'package documentation\n',
  'p/e.go': 'package p\n\n// #include <stdio.h>\nimport "C"\n\nimport "example.com/x"\nimport "example.com/cgo"\n',
  'p/broken_plan9.go': 'this is not Go at all',
  'p/link.go': 'package p\n\nimport "example.com/linked"\n',
  'p/notes.txt': 'package nope\n',
  'p/f.go/inner.go': 'package inner\n',
  'empty/README.md': '# nothing\n',
  'winonly/w_windows.go': 'package winonly\n',
  'mixed/a.go': 'package a\n',
  'mixed/b.go': 'package b\n',
  'mod/go.mod': 'module m\n',
  'mod/nested/go.mod': 'module m/nested\n',
  'mod/nested/deep/x.go': 'package deep\n',
};

function loader(options: BuildContextOptions = {}) {
  const reader = memoryReader(files, { 'p/link.go': 'file' });
  return { packages: new PackageLoader(MEMORY_ROOT, reader, buildContext(options)), reader };
}

describe('PackageLoader.load picks the files go/build would', () => {
  test('linux/amd64 with cgo: no tests, no _ or . files, no other-OS or ignored files, no documentation; links count', () => {
    expect(loader({ cgoEnabled: true }).packages.load('p', 22)).toEqual({
      kind: 'package',
      pkg: {
        name: 'p',
        files: ['a.go', 'e.go', 'link.go'],
        otherFiles: [],
        excluded: ['.hidden.go', '_scratch.go', 'b_windows.go', 'broken_plan9.go', 'c.go', 'd.go'],
        embeds: [],
        problems: [],
        imports: [
          { path: 'fmt', file: 'p/a.go', line: 4 },
          { path: 'example.com/x', file: 'p/a.go', line: 5 },
          { path: 'C', file: 'p/e.go', line: 4 },
          { path: 'example.com/cgo', file: 'p/e.go', line: 7 },
          { path: 'example.com/linked', file: 'p/link.go', line: 3 },
        ],
      },
    });
  });

  test('without cgo, files importing "C" do not count; for windows the _windows file does', () => {
    const load = loader({ goos: 'windows', cgoEnabled: false }).packages.load('p', 22);
    expect(load.kind === 'package' && load.pkg.files).toEqual(['a.go', 'b_windows.go', 'link.go']);
  });

  test('a file excluded by its name or constraints is never parsed, so its syntax does not matter', () => {
    const { packages, reader } = loader();
    packages.load('p', 22);
    expect(reader.reads.has(`${MEMORY_ROOT}/p/broken_plan9.go`)).toBe(false);
    expect(reader.reads.has(`${MEMORY_ROOT}/p/a_test.go`)).toBe(false);
  });

  test('missing directories, directories without Go files and fully excluded ones are told apart', () => {
    const { packages } = loader();
    expect(packages.load('nope', 22)).toEqual({ kind: 'missing' });
    expect(packages.load('empty', 22)).toEqual({ kind: 'no-go-files', goFiles: 0 });
    expect(packages.load('winonly', 22)).toEqual({ kind: 'no-go-files', goFiles: 1 });
  });

  test('two package names in one directory is a problem of the package', () => {
    const load = loader().packages.load('mixed', 22);
    expect(load.kind === 'package' && load.pkg.problems).toEqual([
      new GoScanError('multiple-packages', 'mixed', 'a.go declares package a but b.go declares package b: keep one package per directory, or exclude one file with a build constraint'),
    ]);
  });

  test('loads are cached per release; file headers across releases', () => {
    const { packages, reader } = loader();
    const first = packages.load('p', 22);
    expect(packages.load('p', 22)).toBe(first);
    packages.load('p', 26);
    expect([...reader.reads.values()].every((n) => n === 1)).toBe(true);
    expect([...reader.readDirs.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('module boundaries', () => {
  test('hasGoMod and inNestedModule', () => {
    const { packages } = loader();
    expect(packages.hasGoMod('mod')).toBe(true);
    expect(packages.hasGoMod('p')).toBe(false);
    expect(packages.inNestedModule('mod', 'mod/nested/deep')).toBe(true);
    expect(packages.inNestedModule('mod', 'mod/other')).toBe(false);
    expect(packages.inNestedModule('mod', 'mod')).toBe(false);
  });
});

describe('the other files go/build reads, under the same rules', () => {
  const cgo = {
    'c/h.go': 'package c\n\n// #include "h.h"\nimport "C"\n',
    'c/h.c': '//go:build cgo\n\nint f(void) { return 1; }\n',
    'c/h.h': 'int f(void);\n',
    'c/h_windows.c': 'int g(void) { return 2; }\n',
    'c/ignored.c': '//go:build ignore\n',
    'c/_tmp.c': 'x\n',
    'c/asm_amd64.s': 'TEXT ·x(SB),0,$0\n',
    'c/asm_arm64.s': 'TEXT ·x(SB),0,$0\n',
    'c/obj_linux_amd64.syso': '\u007fELF binary, never read',
    'c/obj_windows_amd64.syso': 'MZ binary, never read',
    'c/notes.txt': 'not a source\n',
  };
  const load = (options: BuildContextOptions) => {
    const reader = memoryReader(cgo);
    const load = new PackageLoader(MEMORY_ROOT, reader, buildContext(options)).load('c', 22);
    return { pkg: load.kind === 'package' ? load.pkg : undefined, reader };
  };

  test('linux/amd64 with cgo: C sources and headers, assembly and .syso of the target; the rest left out by name', () => {
    const { pkg, reader } = load({ cgoEnabled: true });
    expect(pkg!.otherFiles).toEqual(['asm_amd64.s', 'h.c', 'h.h', 'obj_linux_amd64.syso']);
    expect(pkg!.excluded).toEqual(['_tmp.c', 'asm_arm64.s', 'h_windows.c', 'ignored.c', 'obj_windows_amd64.syso']);
    // .syso objects are binary: go/build never opens them.
    expect([...reader.reads.keys()].filter((file) => file.endsWith('.syso'))).toEqual([]);
  });

  test('without cgo, the cgo file and the C file constrained to cgo are left out', () => {
    const { pkg } = load({ cgoEnabled: false, goarch: 'arm64' });
    expect(pkg).toBeUndefined();
    const withGo = memoryReader({ ...cgo, 'c/pure.go': 'package c\n' });
    const loaded = new PackageLoader(MEMORY_ROOT, withGo, buildContext({ cgoEnabled: false, goarch: 'arm64' })).load('c', 22);
    expect(loaded.kind === 'package' && [loaded.pkg.files, loaded.pkg.otherFiles, loaded.pkg.excluded]).toEqual([
      ['pure.go'],
      ['asm_arm64.s', 'h.h'],
      ['_tmp.c', 'asm_amd64.s', 'h.c', 'h.go', 'h_windows.c', 'ignored.c', 'obj_linux_amd64.syso', 'obj_windows_amd64.syso'],
    ]);
  });
});

describe('headers are read from the start of files', () => {
  const big = 'package big\n\nimport "example.com/a"\n\n' + `var data = "${'x'.repeat(50_000)}"\n`;
  const longHeader = `${'// a long license\n'.repeat(800)}\npackage long\n\nimport "example.com/b"\n`;
  const cut = `package cut\n\nimport (\n${Array.from({ length: 400 }, (_, i) => `\t_ "example.com/dep${i}/with/a/long/import/path"\n`).join('')})\n`;
  const embeds = 'package emb\n\nimport "embed"\n\n' + `var pad = "${'y'.repeat(20_000)}"\n\n//go:embed late.txt\nvar f embed.FS\n`;
  const files = { 'p/big.go': big, 'q/long.go': longHeader, 'r/cut.go': cut, 's/emb.go': embeds };

  function headReader() {
    const reader = memoryReader(files);
    const heads: string[] = [];
    return {
      heads,
      reader: {
        ...reader,
        readHead(path: string, maxBytes: number) {
          const rel = path.slice(MEMORY_ROOT.length + 1) as keyof typeof files;
          heads.push(rel);
          const bytes = Buffer.from(files[rel]);
          return { text: bytes.subarray(0, maxBytes).toString('utf8'), whole: bytes.length <= maxBytes };
        },
      },
      whole: reader.reads,
    };
  }

  test('a large file is read only as far as its imports; a header or import list longer than that is read on', () => {
    const { reader, heads, whole } = headReader();
    const loader = new PackageLoader(MEMORY_ROOT, reader, buildContext());
    const pkgOf = (dir: string) => {
      const load = loader.load(dir, 22);
      return load.kind === 'package' ? load.pkg : undefined;
    };
    expect(pkgOf('p')!.imports.map((i) => i.path)).toEqual(['example.com/a']);
    expect(pkgOf('q')!.imports.map((i) => i.path)).toEqual(['example.com/b']);
    expect(pkgOf('r')!.imports).toHaveLength(400);
    expect(pkgOf('s')!.embeds.map((e) => e.pattern)).toEqual(['late.txt']);
    expect(heads.sort()).toEqual(['p/big.go', 'q/long.go', 'r/cut.go', 's/emb.go']);
    // Read whole: the long header, the long import list, and the file whose embeds are further down.
    expect([...whole.keys()].map((p) => p.slice(MEMORY_ROOT.length + 1)).sort()).toEqual(['q/long.go', 'r/cut.go', 's/emb.go']);
  });
});

describe('a header cache', () => {
  test('headers an earlier scan read are taken from it, and only the others are read; the loader hands them on', () => {
    const files = { 'p/a.go': 'package p\n\nimport "example.com/x"\n', 'p/b.go': 'package p\n\nimport "example.com/y"\n' };
    const first = new PackageLoader(MEMORY_ROOT, memoryReader(files), buildContext());
    first.load('p', 22);
    const earlier = first.fileHeaders();
    const reader = memoryReader(files);
    const second = new PackageLoader(MEMORY_ROOT, reader, buildContext(), { get: (file) => (file === 'p/a.go' ? earlier.get(file) : undefined) });
    const load = second.load('p', 22);
    expect(load.kind === 'package' && load.pkg.imports.map((i) => i.path)).toEqual(['example.com/x', 'example.com/y']);
    expect([...reader.reads.keys()]).toEqual([`${MEMORY_ROOT}/p/b.go`]);
    expect([...second.fileHeaders().keys()].sort()).toEqual(['p/a.go', 'p/b.go']);
  });
});
