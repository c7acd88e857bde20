// For executor specs: the ExecutorContext Nx would pass for `nx run <project>:<target>`, and
// what the executor logged through Nx's logger (console underneath), colours stripped.
import type { ExecutorContext } from '@nx/devkit';

export function executorContext(root: string, projectName: string, targetName: string, more: Partial<ExecutorContext> = {}): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName,
    targetName,
    projectsConfigurations: { version: 2, projects: {} },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
    ...more,
  };
}

export interface CapturedLog {
  info: string[];
  error: string[];
  restore(): void;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Captures console.info and console.error (Nx's logger writes through them) until restore(). */
export function captureLog(): CapturedLog {
  const captured: CapturedLog = { info: [], error: [], restore: () => undefined };
  const info = jest.spyOn(console, 'info').mockImplementation((...args: unknown[]) => void captured.info.push(args.join(' ').replace(ANSI, '')));
  const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void captured.error.push(args.join(' ').replace(ANSI, '')));
  captured.restore = () => {
    info.mockRestore();
    error.mockRestore();
  };
  return captured;
}
