// The targets of a binary project, each where it has work to do. A binary with neither a
// profile nor a pgo.yaml is bootstrapping: it gets pgo-build alone (its `off` configuration
// builds the -pgo=off baseline to deploy). Once it has a profile or a pgo.yaml: pgo-verify (the
// built binary really embeds the profile), pgo-rollback and pgo-roi (what the measured gain is
// worth) once the profile exists; pgo-capture, pgo-merge and pgo-refresh where pgo.yaml (or the
// plugin defaults) lists capture sources; pgo-validate for the profile or the merge's candidate;
// pgo-bench where it lists bench packages, pgo-loadtest where it has a loadtest section (a
// replay file or a command), pgo-canary where it names a Prometheus and canary selectors.
// Names carry the configurable prefix; all sit in the
// "PGO" target group. pgo-build, pgo-validate and pgo-bench share the binary's build inputs
// through the project's named input `goBuild`, so the graph holds that list once per binary.
import type { TargetConfiguration } from '@nx/devkit';
import type { PluginOptions } from './options';
import { fromWorkspaceRoot, outputDir, pgoOutputDir } from './workspace-paths';

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
  /** The profile file exists. */
  profileExists: boolean;
  /** The binary has a pgo.yaml. */
  hasPgoYaml: boolean;
  /** The project's name: its captures live in .pgo/captures/<project>/. */
  project: string;
  /** pgo.yaml (or the plugin defaults) lists capture sources: pgo-capture and pgo-merge exist. */
  captureConfigured: boolean;
  /** pgo.yaml (or the plugin defaults) lists bench packages: pgo-bench exists. */
  benchConfigured: boolean;
  /** pgo.yaml's loadtest section gives a source of load: pgo-loadtest exists. */
  loadtestConfigured?: boolean;
  /** pgo.yaml's canary section names a Prometheus: pgo-canary exists. */
  canaryConfigured?: boolean;
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

export interface TargetNames {
  build: string;
  verify: string;
  capture: string;
  merge: string;
  validate: string;
  bench: string;
  roi: string;
  refresh: string;
  rollback: string;
  loadtest: string;
  canary: string;
}

/** The project's named input that holds pgo-build's inputs (build-inputs.ts), shared by the targets that hash the build's sources. */
export const BUILD_INPUTS = 'goBuild';

export function targetNames(options: PluginOptions): TargetNames {
  const name = (op: string): string => `${options.targetPrefix}${op}`;
  return { build: name('build'), verify: name('verify'), capture: name('capture'), merge: name('merge'), validate: name('validate'), bench: name('bench'), roi: name('roi'), refresh: name('refresh'), rollback: name('rollback'), loadtest: name('loadtest'), canary: name('canary') };
}

/** The targets of a binary, in the order of its "PGO" target group. */
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
    // The baseline has a path of its own, so that both builds can exist at once.
    configurations: { off: { pgo: 'off', outputPath: `${outputDir(b.dir)}/off/${b.name}` } },
    cache: true,
    inputs: [BUILD_INPUTS],
    // GOOS=windows names the binary <name>.exe; an output that is not there is simply not cached.
    outputs: ['{options.outputPath}', '{options.outputPath}.exe', '{options.outputPath}.build.json'],
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
  // Bootstrap: nothing to verify, validate, revert, price, capture or benchmark yet.
  if (!b.profileExists && !b.hasPgoYaml) return { [names.build]: build };
  return {
    ...(b.captureConfigured && pipelineTargets(b, names)),
    // With capture sources and no profile yet, the merge's candidate is what there is to validate.
    ...((b.profileExists || b.captureConfigured) && { [names.validate]: validateTarget(b) }),
    [names.build]: build,
    ...(b.profileExists && { [names.verify]: verify }),
    ...(b.benchConfigured && { [names.bench]: benchTarget(b, common) }),
    ...(b.loadtestConfigured && { [names.loadtest]: loadtestTarget(b, common) }),
    ...(b.canaryConfigured && { [names.canary]: canaryTarget(b, common) }),
    ...(b.captureConfigured && { [names.refresh]: refreshTarget(b, common) }),
    ...(b.profileExists && { [names.rollback]: rollbackTarget(b, common), [names.roi]: roiTarget(b) }),
  };
}

function refreshTarget(b: BinaryTargetFacts, common: { moduleRoot: string; profile?: string }): TargetConfiguration {
  return {
    executor: '@go-pgo/nx:refresh',
    options: { binaryDir: b.dir, moduleRoot: common.moduleRoot, ...(common.profile !== undefined && { profile: common.profile }) },
    configurations: { commit: { commit: true }, pr: { commit: true, openPr: true } },
    // It captures from production and rewrites the committed profile: never replayed.
    cache: false,
    metadata: {
      technologies: ['go'],
      description: `Captures, merges and validates a new profile for ${b.name}, compares it with ${b.profile}, then replaces it with a sidecar and PR text; "commit" makes a branch and commit, "pr" also opens a pull request`,
      help: { command: 'npx go-pgo refresh --help', example: { options: { commit: true } } },
    },
  };
}

function rollbackTarget(b: BinaryTargetFacts, common: { profile?: string }): TargetConfiguration {
  return {
    executor: '@go-pgo/nx:rollback',
    options: { binaryDir: b.dir, ...(common.profile !== undefined && { profile: common.profile }) },
    configurations: { 'dry-run': { dryRun: true } },
    cache: false,
    metadata: {
      technologies: ['go'],
      description: `Reverts the last commit that changed ${b.profile} or its sidecar (git revert); in an emergency, pgo-build:off builds without PGO`,
      help: { command: 'npx go-pgo rollback --help', example: { options: { dryRun: true } } },
    },
  };
}

function roiTarget(b: BinaryTargetFacts): TargetConfiguration {
  return {
    executor: '@go-pgo/nx:roi',
    options: { binaryDir: b.dir },
    // It reads the bench history, which no task declares as an output: always fresh.
    cache: false,
    metadata: {
      technologies: ['go'],
      description: `Estimates what PGO saves ${b.name}'s fleet per month from the measured gain (.pgo/history), with payback and a recommendation`,
      help: { command: 'npx go-pgo roi --help', example: { options: { pods: 40, costPerPod: 310, maintenanceHours: 2 } } },
    },
  };
}

/** Where pgo-merge writes the candidate profile and its summary, workspace-relative. */
export function candidatePaths(binaryDir: string): { profile: string; summary: string } {
  const dir = pgoOutputDir(binaryDir);
  return { profile: `${dir}/candidate.pgo`, summary: `${dir}/candidate.json` };
}

function pipelineTargets(b: BinaryTargetFacts, names: TargetNames): Record<string, TargetConfiguration> {
  const candidate = candidatePaths(b.dir);
  const captures = `.pgo/captures/${b.project}`;
  const capture: TargetConfiguration = {
    executor: '@go-pgo/nx:capture',
    options: { binaryDir: b.dir, moduleRoot: b.moduleDir },
    // It talks to production: every run is a new capture.
    cache: false,
    metadata: {
      technologies: ['go'],
      description: `Captures CPU profiles of ${b.name} from the sources in ${b.pgoYaml} into ${captures}/<UTC time>/ (never touches the committed profile)`,
      help: { command: 'npx go-pgo capture --help', example: { options: { seconds: 10 } } },
    },
  };
  const merge: TargetConfiguration = {
    executor: '@go-pgo/nx:merge',
    options: { binaryDir: b.dir, output: candidate.profile, summary: candidate.summary },
    cache: true,
    inputs: [
      // Captures are not committed (.gitignore); the newest directory is the one merged.
      { fileset: fromWorkspaceRoot(`${captures}/**/*`), includeIgnored: true },
      fromWorkspaceRoot(b.pgoYaml),
    ],
    outputs: [fromWorkspaceRoot(candidate.profile), fromWorkspaceRoot(candidate.summary)],
    metadata: {
      technologies: ['go'],
      description: `Merges the newest capture of ${b.name} (normalize, weights, dropLabels, noInline, compaction from ${b.pgoYaml}) into ${candidate.profile}`,
      help: { command: 'npx go-pgo merge --help', example: { options: { captureDir: `${captures}/20260101T000000Z` } } },
    },
  };
  return { [names.capture]: capture, [names.merge]: merge };
}

function validateTarget(b: BinaryTargetFacts): TargetConfiguration {
  const candidate = candidatePaths(b.dir);
  const report = `${pgoOutputDir(b.dir)}/validate.json`;
  return {
    executor: '@go-pgo/nx:validate',
    options: { binaryDir: b.dir, report },
    // `candidate` checks what pgo-merge wrote, before it replaces the committed profile.
    configurations: { candidate: { profile: candidate.profile, committed: b.profile } },
    cache: true,
    inputs: [
      // The closure's sources (stale ratio, coverage) and the committed profile, as pgo-build.
      BUILD_INPUTS,
      { fileset: fromWorkspaceRoot(candidate.profile), includeIgnored: true },
    ],
    outputs: [fromWorkspaceRoot(report)],
    metadata: {
      technologies: ['go'],
      description: `Checks ${b.name}'s profile against ${b.pgoYaml}'s validate thresholds and today's source (stale ratio, coverage, wrong binary); configuration "candidate" checks pgo-merge's output`,
      help: { command: 'npx go-pgo validate --help', example: { options: { warnOnly: true } } },
    },
  };
}

function benchTarget(b: BinaryTargetFacts, common: { main: string; moduleRoot: string; profile?: string }): TargetConfiguration {
  const out = `${pgoOutputDir(b.dir)}/bench`;
  return {
    executor: '@go-pgo/nx:bench',
    options: { binaryDir: b.dir, moduleRoot: common.moduleRoot, outputDir: out, ...(common.profile !== undefined && { profile: common.profile }) },
    cache: true,
    inputs: [
      BUILD_INPUTS,
      // Bench packages and their tests, resolved from the module root (pgo.yaml bench.packages).
      fromWorkspaceRoot(b.moduleDir === '.' ? '**/*.go' : `${b.moduleDir}/**/*.go`),
    ],
    // History (.pgo/history) is deliberately neither input nor output: each real run appends to it.
    outputs: [fromWorkspaceRoot(out)],
    metadata: {
      technologies: ['go'],
      description: `A/B-benchmarks ${b.name}'s bench packages with -pgo=off and with its profile in interleaved rounds; benchstat statistics, gates, report.html`,
      help: { command: 'npx go-pgo bench --help', example: { options: { count: 10, noGate: true } } },
    },
  };
}

function loadtestTarget(b: BinaryTargetFacts, common: { moduleRoot: string; profile?: string }): TargetConfiguration {
  const out = `${pgoOutputDir(b.dir)}/loadtest`;
  return {
    executor: '@go-pgo/nx:loadtest',
    options: { binaryDir: b.dir, moduleRoot: common.moduleRoot, outputDir: out, ...(common.profile !== undefined && { profile: common.profile }) },
    cache: true,
    inputs: [
      BUILD_INPUTS,
      // The request file and anything else the load reads, kept beside the binary by convention.
      fromWorkspaceRoot(`${b.dir}/**/*`),
    ],
    // History (.pgo/history) is deliberately neither input nor output, as for pgo-bench.
    outputs: [fromWorkspaceRoot(out)],
    metadata: {
      technologies: ['go'],
      description: `A/B of the ${b.name} binary itself: -pgo=off and PGO instances under the same load in interleaved rounds; CPU per request, latency, gates, report.html`,
      help: { command: 'npx go-pgo loadtest --help', example: { options: { rounds: 12, noGate: true } } },
    },
  };
}

function canaryTarget(b: BinaryTargetFacts, common: { profile?: string }): TargetConfiguration {
  const out = `${pgoOutputDir(b.dir)}/canary`;
  return {
    executor: '@go-pgo/nx:canary',
    options: { binaryDir: b.dir, outputDir: out, ...(common.profile !== undefined && { profile: common.profile }) },
    // It reads production metrics: every run is new.
    cache: false,
    metadata: {
      technologies: ['go'],
      description: `Compares ${b.name}'s canary and baseline deployments' CPU per request from Prometheus, with the cpuPerRequest gate and report.html`,
      help: { command: 'npx go-pgo canary --help', example: { options: { from: 'now-30m', step: '30s' } } },
    },
  };
}
