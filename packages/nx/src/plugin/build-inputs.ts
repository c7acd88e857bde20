// The exact inputs of a binary's pgo-build, the cache key of the build (README.md lists them):
// core's input set of the binary (what `go build` reads: the sources of every package of its
// import closure, embedded files, go.mod/go.sum, go.work, vendor/modules.txt) in Nx's terms,
// then the profile and pgo.yaml, the Go version and the environment variables that change
// what `go build` produces.
import type { TargetConfiguration } from '@nx/devkit';
import { BuildInputSets, type FactBinary, type GoFacts, type InputFormat } from '@go-pgo/core';
import { fromWorkspaceRoot } from './workspace-paths';

/** One entry of a target's inputs (Nx's InputDefinition, which @nx/devkit does not export). */
export type TargetInput = NonNullable<TargetConfiguration['inputs']>[number];

const BUILD_ENV = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS'] as const;

/** Embedded files are often generated and .gitignored (a web UI's dist/): hashed from disk. */
const NX_FORMAT: InputFormat<TargetInput> = {
  tracked: (glob, negated) => `${negated ? '!' : ''}${fromWorkspaceRoot(glob)}`,
  untracked: (glob, negated) => ({ fileset: `${negated ? '!' : ''}${fromWorkspaceRoot(glob)}`, includeIgnored: true }),
};

const TOOLCHAIN_AND_ENV: readonly TargetInput[] = [{ runtime: 'go env GOVERSION' }, ...BUILD_ENV.map((env) => ({ env }))];

export class BuildInputs {
  private readonly sets: BuildInputSets<TargetInput>;

  constructor(go: GoFacts) {
    this.sets = new BuildInputSets(go, NX_FORMAT);
  }

  of(binary: FactBinary, profile: string, pgoYaml: string): TargetInput[] {
    const inputs = this.sets.of(binary);
    inputs.push(fromWorkspaceRoot(profile), fromWorkspaceRoot(pgoYaml), ...TOOLCHAIN_AND_ENV);
    return inputs;
  }
}
