// Pods of a Kubernetes workload (pgo.yaml `kubernetes: { namespace, selector, port, maxPods,
// context }`): `kubectl get pods` picks the Running and Ready ones, and each is profiled through
// its own `kubectl port-forward` to its pprof port. Every port-forward is ended in close(),
// which the run always calls: by process group, by pid.
import execa from 'execa';
import type { KubernetesSourceConfig } from '../config/pgo-settings';
import { SourceOpenError } from './capture-error';
import { fetchPprofProfile } from './http';
import { endGroup, hasExited, spawnGroup, type GroupChild } from '../process/process-group';
import { abortMessage } from './retry';
import { InstanceCaptureError, type CaptureInstance, type OpenSource, type SourceContext } from './source';

/** kubectl port-forward prints this once it listens; the first port is ours. */
const FORWARDING = /^Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/m;

interface PodList {
  items?: {
    metadata?: { name?: string; deletionTimestamp?: string };
    status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
  }[];
}

interface Forward {
  child: GroupChild;
  port: Promise<number>;
}

export const openKubernetes: OpenSource<KubernetesSourceConfig> = async (config, context) => {
  const kubectl = new Kubectl(config, context);
  const pods = await kubectl.readyPods();
  const chosen = pods.slice(0, config.maxPods);
  context.log(`${config.name}: ${chosen.length} of ${pods.length} ready pods in ${kubectl.where}`);
  const forwards = new Map<string, Forward>();
  let closed = false;

  const forwardTo = (pod: string, signal: AbortSignal): Promise<number> => {
    if (closed) throw new InstanceCaptureError('the source was closed', false);
    let forward = forwards.get(pod);
    // A port-forward that died (pod restarted, connection lost) is started again on retry.
    if (forward === undefined || hasExited(forward.child)) {
      forward = kubectl.portForward(pod);
      forwards.set(pod, forward);
    }
    return untilAborted(forward.port, signal);
  };

  const instances: CaptureInstance[] = chosen.map((pod) => ({
    source: config.name,
    kind: 'kubernetes',
    instance: `pod/${pod}`,
    async capture(instanceContext) {
      instanceContext.onState('port-forward');
      const port = await forwardTo(pod, instanceContext.signal);
      return fetchPprofProfile(`http://127.0.0.1:${port}`, {
        seconds: instanceContext.seconds,
        path: config.path,
        signal: instanceContext.signal,
        onState: instanceContext.onState,
      });
    },
  }));
  return {
    instances,
    async close() {
      closed = true;
      await Promise.all([...forwards.values()].map((forward) => endGroup(forward.child)));
    },
  };
};

class Kubectl {
  private readonly base: string[];
  /** `namespace prod, context staging`, for messages. */
  readonly where: string;

  constructor(
    private readonly config: KubernetesSourceConfig,
    private readonly context: SourceContext,
  ) {
    this.base = config.context === undefined ? [] : ['--context', config.context];
    this.where = `namespace ${config.namespace}${config.context === undefined ? '' : `, context ${config.context}`}`;
  }

  /** Names of the Running and Ready pods the selector matches, sorted. */
  async readyPods(): Promise<string[]> {
    const { config } = this;
    const args = [...this.base, 'get', 'pods', '-n', config.namespace, '-l', config.selector, '-o', 'json'];
    let stdout: string;
    try {
      ({ stdout } = await execa('kubectl', args, { env: this.context.env, extendEnv: false, stdin: 'ignore' }));
    } catch (error) {
      throw this.openError(error as execa.ExecaError, `kubectl ${args.join(' ')}`, 'check the context, the namespace and your access with that command');
    }
    let list: PodList;
    try {
      list = JSON.parse(stdout) as PodList;
    } catch (error) {
      throw new SourceOpenError(config.name, `source ${config.name}: kubectl get pods printed no JSON pod list (${this.where}): check the kubectl version`, { cause: error });
    }
    const ready = (list.items ?? [])
      .filter((pod) => pod.status?.phase === 'Running' && pod.metadata?.deletionTimestamp === undefined)
      .filter((pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((pod) => pod.metadata?.name)
      .filter((name): name is string => typeof name === 'string')
      .sort();
    if (ready.length === 0) {
      const seen = list.items?.length ?? 0;
      throw new SourceOpenError(
        config.name,
        `source ${config.name}: no Running and Ready pod matches -l ${config.selector} in ${this.where} (${seen} matched, none ready): ` +
          `check the selector with kubectl get pods -n ${config.namespace} -l ${config.selector}`,
      );
    }
    return ready;
  }

  portForward(pod: string): Forward {
    const { config } = this;
    const child = spawnGroup('kubectl', [...this.base, 'port-forward', '-n', config.namespace, `pod/${pod}`, `:${config.port}`], { env: this.context.env });
    const port = new Promise<number>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8');
      child.stderr?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        const match = FORWARDING.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      child.stderr?.on('data', (chunk: string) => (stderr += chunk));
      child.once('error', (error: NodeJS.ErrnoException) => reject(this.forwardError(pod, error.code === 'ENOENT' ? 'kubectl is not on PATH' : error.message)));
      child.once('exit', (code, signal) => {
        const said = stderr.split('\n').find((line) => line.trim() !== '')?.trim();
        reject(this.forwardError(pod, said ?? `kubectl exited (${signal ?? `code ${String(code)}`}) before forwarding`));
      });
    });
    // Nobody may be waiting when the forward fails (the attempt was aborted).
    port.catch(() => undefined);
    return { child, port };
  }

  private forwardError(pod: string, said: string): InstanceCaptureError {
    const { config } = this;
    // Retryable: a pod that is restarting may accept the next port-forward.
    return new InstanceCaptureError(`kubectl port-forward -n ${config.namespace} pod/${pod} :${config.port} failed (${this.where}): ${said}`, true);
  }

  private openError(error: execa.ExecaError, command: string, advice: string): SourceOpenError {
    const { name } = this.config;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return new SourceOpenError(name, `source ${name}: kubectl is not on PATH: install kubectl (https://kubernetes.io/docs/tasks/tools/) and configure access to ${this.where}`, { cause: error });
    }
    const said = (error.stderr ?? '').split('\n').find((line) => line.trim() !== '')?.trim() ?? error.shortMessage;
    return new SourceOpenError(name, `source ${name}: ${command} failed (${this.where}): ${said}: ${advice}`, { cause: error });
  }
}

/** `promise`, or a rejection as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new InstanceCaptureError(abortMessage(signal), false));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new InstanceCaptureError(abortMessage(signal), false));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
