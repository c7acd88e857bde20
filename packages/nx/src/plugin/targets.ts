// The targets of a binary project: pgo-build (go build with the binary's profile; the `off`
// configuration builds the -pgo=off baseline) and pgo-verify (the built binary really embeds
// the profile). Names carry the configurable prefix; both sit in the "PGO" target group.
import type { TargetConfiguration } from '@nx/devkit';
import type { TargetInput } from './build-inputs';
import type { PluginOptions } from './options';
import { fromWorkspaceRoot, outputDir } from './workspace-paths';

export interface BinaryTargetFacts {
  /** Workspace-relative `…/cmd/<name>`: the project root. */
  dir: string;
  /** The `<name>` of cmd/<name>: the binary's file name. */
  name: string;
  importPath: string;
  /** Workspace-relative directory of the binary's module. */
  moduleDir: string;
  /** Workspace-relative profile path, whether or not the file exists. */
  profile: string;
  /** Whether the executors get the profile: pgo.yaml names it, or the default file exists. */
  profileConfigured: boolean;
  pgoYaml: string;
  /** pgo-build's inputs (build-inputs.ts). */
  buildInputs: TargetInput[];
}

/** Options of the @go-pgo/nx:build executor (its schema.json) that the plugin sets. */
interface InferredBuildOptions {
  /** The main package relative to the module root, as `go build` takes it: `./cmd/api`. */
  main: string;
  /** Workspace-relative module directory: where `go build` runs. */
  moduleRoot: string;
  /** Workspace-relative binary, dist/go/<project root>/<name> (`.exe` added for GOOS=windows). */
  outputPath: string;
  /** Workspace-relative profile; absent when pgo.yaml names none and the default file does not exist. */
  profile?: string;
  ldflags?: string;
  tags?: readonly string[];
  /** More go build flags. */
  flags?: readonly string[];
}

export function targetNames(options: PluginOptions): { build: string; verify: string } {
  return { build: `${options.targetPrefix}build`, verify: `${options.targetPrefix}verify` };
}

export function binaryTargets(b: BinaryTargetFacts, options: PluginOptions): Record<string, TargetConfiguration> {
  const names = targetNames(options);
  const binary = `${outputDir(b.dir)}/${b.name}`;
  // Shared by both executors, which find the binary and the profile the same way.
  const common = {
    main: b.dir === b.moduleDir ? '.' : `./${b.moduleDir === '.' ? b.dir : b.dir.slice(b.moduleDir.length + 1)}`,
    moduleRoot: b.moduleDir,
    outputPath: binary,
    ...(b.profileConfigured && { profile: b.profile }),
  };
  const buildOptions: InferredBuildOptions = {
    ...common,
    ...(options.ldflags !== undefined && { ldflags: options.ldflags }),
    ...(options.tags !== undefined && { tags: options.tags }),
    ...(options.buildFlags !== undefined && { flags: options.buildFlags }),
  };
  const build: TargetConfiguration<InferredBuildOptions> = {
    executor: '@go-pgo/nx:build',
    options: buildOptions,
    configurations: { off: { pgo: 'off' } },
    cache: true,
    inputs: b.buildInputs,
    // GOOS=windows names the binary <name>.exe; an output that is not there is simply not cached.
    outputs: [fromWorkspaceRoot(binary), fromWorkspaceRoot(`${binary}.exe`), fromWorkspaceRoot(`${binary}.build.json`)],
    metadata: {
      technologies: ['go'],
      description: `Builds ${b.importPath} with its PGO profile (go build -pgo); configuration "off" builds the -pgo=off baseline`,
      help: { command: 'go help build', example: { options: { ldflags: '-s -w', tags: ['netgo'] } } },
    },
  };
  const verify: TargetConfiguration = {
    executor: '@go-pgo/nx:verify',
    options: common,
    dependsOn: [names.build],
    cache: true,
    inputs: [
      // Makes Nx hash this task after pgo-build has run, and hashes what it produced.
      { dependentTasksOutputFiles: '**/*' },
      // The binary itself, from disk (dist/ is usually gitignored): what is verified when
      // pgo-build is left out of the run (--exclude-task-dependencies).
      { fileset: fromWorkspaceRoot(binary), includeIgnored: true },
      { fileset: fromWorkspaceRoot(`${binary}.exe`), includeIgnored: true },
      // Whether a profile is configured decides the verdict.
      fromWorkspaceRoot(b.profile),
      fromWorkspaceRoot(b.pgoYaml),
    ],
    outputs: [],
    metadata: {
      technologies: ['go'],
      description: `Checks with go version -m that the built ${b.name} embeds its profile (a -pgo= build setting) when one is configured`,
      help: { command: 'go help version', example: { options: { profile: b.profile } } },
    },
  };
  return { [names.build]: build, [names.verify]: verify };
}
