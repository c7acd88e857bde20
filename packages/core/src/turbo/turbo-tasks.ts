// The Turborepo tasks of a Go binary and the npm scripts they run. The root turbo.json holds
// what every binary shares (environment, task order); each binary's package turbo.json
// (`extends: ["//"]`) holds its own inputs and outputs, since every import closure differs.
// Paths outside the package are written `$TURBO_ROOT$/…` (Turborepo 2.4 and later).
import path from 'node:path';
import { defaultBenchOutputDir } from '../bench/run-bench';
import { binaryFile, buildReportFile } from '../build/output-paths';
import type { JsonObject } from './json-file';
import type { TurboBinary } from './turbo-binaries';

export const TASK = {
  build: 'pgo-build',
  buildOff: 'pgo-build:off',
  verify: 'pgo-verify',
  validate: 'pgo-validate',
  bench: 'pgo-bench',
  capture: 'pgo-capture',
} as const;

/** Every task (and script) name turbo init manages, in the order it writes them. */
export const MANAGED_TASKS: readonly string[] = Object.values(TASK);

/**
 * Hashed: they change what `go build` produces. The Nx plugin also hashes `go env GOVERSION`;
 * Turborepo cannot hash a command's output, so GOTOOLCHAIN stands in (go.mod's toolchain line
 * is hashed with go.mod).
 */
const BUILD_ENV = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS', 'GOEXPERIMENT', 'GOTOOLCHAIN'];

/** Go needs these to run (caches, module proxy and checksum settings) but they do not change its output. */
const GO_PASS_THROUGH = ['GOCACHE', 'GOMODCACHE', 'GOPATH', 'GOENV', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE'];

/** The root turbo.json's definition of each task the binaries use. */
export function rootTasks(binaries: readonly TurboBinary[]): Record<string, JsonObject> {
  const built = { env: BUILD_ENV, passThroughEnv: GO_PASS_THROUGH };
  return {
    [TASK.build]: built,
    // The emergency path: the -pgo=off baseline into dist/go/<dir>/off/ (beside the PGO build, as
    // Nx's pgo-build:off), never cached, never restored.
    [TASK.buildOff]: { cache: false, ...built },
    // Its hash includes pgo-build's, so a rebuilt binary is verified again.
    [TASK.verify]: { dependsOn: [TASK.build], passThroughEnv: GO_PASS_THROUGH },
    [TASK.validate]: built,
    ...(binaries.some((b) => b.benchConfigured) && { [TASK.bench]: built }),
    // It talks to production: never cached, and it needs whatever credentials the sources use.
    ...(binaries.some((b) => b.captureConfigured) && { [TASK.capture]: { cache: false, passThroughEnv: ['*'] } }),
  };
}

/** The npm scripts of the binary's package.json, run from its directory. */
export function binaryScripts(b: TurboBinary): Record<string, string> {
  const root = toRoot(b.dir);
  return {
    [TASK.build]: `go-pgo build . --root ${root}`,
    [TASK.buildOff]: `go-pgo build . --off --root ${root}`,
    [TASK.verify]: `go-pgo verify ${root}/${b.output} --source .`,
    [TASK.validate]: `go-pgo validate . --root ${root}`,
    ...(b.benchConfigured && { [TASK.bench]: `go-pgo bench . --root ${root}` }),
    ...(b.captureConfigured && { [TASK.capture]: `go-pgo capture . --root ${root}` }),
  };
}

/** The inputs and outputs of the binary's cached tasks, for its package turbo.json. */
export function binaryTasks(b: TurboBinary): Record<string, { inputs: string[]; outputs: string[] }> {
  const local = (globs: readonly string[]): string[] => globs.map((glob) => fromPackage(b.dir, glob));
  // GOOS=windows names the binary <name>.exe; an output that is not there is simply not cached.
  const binary = [b.output, binaryFile(b.output, 'windows')];
  return {
    [TASK.build]: { inputs: local(b.buildInputs), outputs: local([...binary, buildReportFile(b.output)]) },
    [TASK.verify]: { inputs: local([...binary, b.profile, b.pgoYaml]), outputs: [] },
    // The closure's sources (stale ratio, coverage) and the profile, as pgo-build.
    [TASK.validate]: { inputs: local(b.buildInputs), outputs: [] },
    ...(b.benchConfigured && {
      [TASK.bench]: {
        // Bench packages and their tests resolve from the module root (pgo.yaml bench.packages).
        inputs: local([...b.buildInputs, b.moduleDir === '.' ? '**/*.go' : `${b.moduleDir}/**/*.go`]),
        outputs: local([`${defaultBenchOutputDir(b.dir)}/**`]),
      },
    }),
  };
}

/** `../..` from a root-relative package directory back to the root. */
export function toRoot(dir: string): string {
  return dir.split('/').map(() => '..').join('/');
}

/** A root-relative glob as the package at `dir` writes it: relative inside it, else from $TURBO_ROOT$. */
function fromPackage(dir: string, glob: string): string {
  const negated = glob.startsWith('!');
  const pattern = negated ? glob.slice(1) : glob;
  const inside = pattern.startsWith(`${dir}/`);
  const written = inside ? path.posix.relative(dir, pattern) : `$TURBO_ROOT$/${pattern}`;
  return negated ? `!${written}` : written;
}
