// What every pipeline executor starts from: the binary's directories and its full settings,
// pgo.yaml over the plugin's `defaults` option (nx.json), exactly as the graph read them.
import path from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { loadPgoSettings, type PgoDefaults, type PgoSettings } from '@go-pgo/core';

export interface BinaryAt {
  workspaceRoot: string;
  /** Absolute. */
  binaryDir: string;
  /** Absolute. */
  moduleRoot: string;
  settings: PgoSettings;
  /** The project's name (captures and history are kept per project). */
  project: string;
}

export async function binaryAt(context: ExecutorContext, options: { binaryDir: string; moduleRoot?: string; profile?: string }): Promise<BinaryAt> {
  const workspaceRoot = context.root;
  const binaryDir = path.resolve(workspaceRoot, options.binaryDir);
  const moduleRoot = path.resolve(workspaceRoot, options.moduleRoot ?? options.binaryDir);
  const settings = await loadPgoSettings({ workspaceRoot, binaryDir, moduleRoot }, pluginDefaults(context), 'nx.json @go-pgo/nx options');
  // The graph's profile (pgo.yaml's, else the plugin's `profile` option) wins over the built-in name.
  if (options.profile !== undefined) settings.profile = path.resolve(workspaceRoot, options.profile);
  return { workspaceRoot, binaryDir, moduleRoot, settings, project: context.projectName ?? path.basename(binaryDir) };
}

/** The `defaults` and `profile` options of the @go-pgo/nx registration in nx.json, as the graph layers them. */
function pluginDefaults(context: ExecutorContext): PgoDefaults | undefined {
  for (const entry of context.nxJsonConfiguration?.plugins ?? []) {
    if (typeof entry === 'object' && entry.plugin === '@go-pgo/nx') {
      const options = entry.options as { defaults?: PgoDefaults; profile?: string } | undefined;
      return { ...options?.defaults, ...(options?.profile !== undefined && { profile: options.profile }) };
    }
  }
  return undefined;
}
