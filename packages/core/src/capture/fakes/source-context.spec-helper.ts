// SourceContext and InstanceContext for specs of capture sources: a fixed clock, an env the
// spec controls (never the developer's PYROSCOPE_TOKEN…), and logs and states kept to look at.
import type { InstanceContext, SourceContext } from '../source';

export const NOW = new Date('2025-03-01T12:00:00.000Z');

export function sourceContext(env: NodeJS.ProcessEnv = {}, signal: AbortSignal = new AbortController().signal): SourceContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    workspaceRoot: '/nonexistent/workspace',
    binaryDir: '/nonexistent/workspace/cmd/service',
    moduleRoot: '/nonexistent/workspace',
    seconds: 30,
    env: { PATH: process.env['PATH'], ...env },
    signal,
    now: NOW,
    log: (line) => logs.push(line),
    logs,
  };
}

export function instanceContext(signal: AbortSignal = new AbortController().signal): InstanceContext & { states: string[] } {
  const states: string[] = [];
  return { seconds: 30, signal, onState: (state) => states.push(state), states };
}
