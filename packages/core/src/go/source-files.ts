// Which files of a package directory `go build` reads, by extension, as go/build's
// fileListForExt sorts them: Go, assembly, cgo's C, C++, Objective-C, Fortran sources and
// headers, SWIG interfaces and .syso objects. Any other file is not a source (embedded files
// are named by //go:embed, not by extension).

export type GoSourceKind = 'go' | 'c' | 'cxx' | 'm' | 'h' | 'f' | 's' | 'swig' | 'swigcxx' | 'syso';

const KIND_OF_EXTENSION: ReadonlyMap<string, GoSourceKind> = new Map<string, GoSourceKind>([
  ['.go', 'go'],
  ['.c', 'c'],
  ['.cc', 'cxx'],
  ['.cpp', 'cxx'],
  ['.cxx', 'cxx'],
  ['.m', 'm'],
  ['.h', 'h'],
  ['.hh', 'h'],
  ['.hpp', 'h'],
  ['.hxx', 'h'],
  ['.f', 'f'],
  ['.F', 'f'],
  ['.for', 'f'],
  ['.f90', 'f'],
  ['.s', 's'],
  ['.S', 's'],
  ['.sx', 's'],
  ['.swig', 'swig'],
  ['.swigcxx', 'swigcxx'],
  ['.syso', 'syso'],
]);

/** The extensions (without the dot) of every source kind but Go's, for globs. */
export const NON_GO_SOURCE_EXTENSIONS: readonly string[] = [...KIND_OF_EXTENSION.keys()].filter((ext) => ext !== '.go').map((ext) => ext.slice(1));

/** The kind of a file by its name's last extension (case-sensitive, as go/build); undefined for any other file. */
export function goSourceKind(name: string): GoSourceKind | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : KIND_OF_EXTENSION.get(name.slice(dot));
}
