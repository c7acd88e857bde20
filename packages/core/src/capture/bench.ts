// Profiles from benchmarks, for programs with no production to profile (pgo.yaml
// `bench: { packages, bench, benchtime }`): `go test -run='^$' -bench=<re> -benchtime=<t>
// -cpuprofile=<tmp> <pkg>` in the module root, one package at a time (-cpuprofile takes one).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchSourceConfig } from '../config/pgo-settings';
import type execa from 'execa';
import { runGo } from '../build/go-command';
import { GoPgoError } from '../errors/go-pgo-error';
import { SourceOpenError } from './capture-error';
import { endGroup, spawnGroup } from '../process/process-group';
import { abortMessage } from './retry';
import { InstanceCaptureError, type CaptureInstance, type InstanceContext, type OpenSource } from './source';

export const openBench: OpenSource<BenchSourceConfig> = async (config, context) => {
  let listed: string;
  try {
    listed = await runGo(['list', ...config.packages], { cwd: context.moduleRoot, env: context.env });
  } catch (error) {
    if (!(error instanceof GoPgoError)) throw error;
    throw new SourceOpenError(config.name, `source ${config.name}: cannot list the packages ${config.packages.join(' ')}: ${error.message}`, { cause: error });
  }
  const packages = listed.split('\n').filter((line) => line.trim() !== '');
  if (packages.length === 0) {
    throw new SourceOpenError(config.name, `source ${config.name}: ${config.packages.join(' ')} matches no package: fix bench packages in pgo.yaml`);
  }
  const instances: CaptureInstance[] = packages.map((pkg) => ({
    source: config.name,
    kind: 'bench',
    instance: pkg,
    capture: (instanceContext) => benchProfile(pkg, config, context.moduleRoot, context.env, instanceContext),
  }));
  return { instances, close: () => Promise.resolve() };
};

async function benchProfile(pkg: string, config: BenchSourceConfig, moduleRoot: string, env: NodeJS.ProcessEnv, context: InstanceContext) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'go-pgo-capture-bench-'));
  const profile = path.join(dir, 'cpu.pprof');
  // -o keeps the test binary (which -cpuprofile would leave in the module root) in the temp dir.
  const args = ['test', '-run=^$', `-bench=${config.bench}`, `-benchtime=${config.benchtime}`, `-cpuprofile=${profile}`, '-o', path.join(dir, 'pkg.test'), pkg];
  const child = spawnGroup('go', args, { cwd: moduleRoot, env });
  const stop = (): void => void endGroup(child);
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    context.onState('benchmarking');
    const result = await child.then(
      (done) => done,
      (failed: execa.ExecaError) => failed,
    );
    if (context.signal.aborted) throw new InstanceCaptureError(abortMessage(context.signal), false);
    if (result.exitCode !== 0) {
      const said = `${result.stdout}\n${result.stderr}`.split('\n').find((line) => /\S/.test(line) && !line.startsWith('#') && !/^(goos|goarch|pkg|cpu):/.test(line));
      throw new InstanceCaptureError(`go test -bench ${pkg} failed${said ? `: ${said.trim()}` : ` (exit ${String(result.exitCode)})`}`, false);
    }
    const ran = result.stdout.split('\n').filter((line) => /^Benchmark\S*\s+\d+/.test(line)).length;
    if (ran === 0) throw new InstanceCaptureError(`no benchmark in ${pkg} matches -bench=${config.bench}: fix bench in pgo.yaml or add benchmarks`, false);
    return { bytes: await readFile(profile), notes: [`go ${args.slice(0, 4).join(' ')} ${pkg}: ${ran} benchmark${ran === 1 ? '' : 's'}`], attempts: 1 };
  } finally {
    context.signal.removeEventListener('abort', stop);
    await endGroup(child);
    await rm(dir, { recursive: true, force: true });
  }
}
