// Profiles already on disk (pgo.yaml `file: { paths: [...] }`): every file the globs match,
// relative to the binary's directory, is one instance. A glob that matches nothing is an error,
// because a misspelt path would otherwise quietly shrink the capture.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileSourceConfig } from '../config/pgo-settings';
import { workspaceRelative } from '../config/workspace-path';
import { SourceOpenError } from './capture-error';
import { expandGlob } from './glob';
import { InstanceCaptureError, type OpenSource } from './source';

export const openFile: OpenSource<FileSourceConfig> = async (config, context) => {
  const files = new Set<string>();
  for (const pattern of config.paths) {
    const matched = await expandGlob(pattern, context.binaryDir);
    if (matched.length === 0) {
      const where = workspaceRelative(context.workspaceRoot, context.binaryDir);
      throw new SourceOpenError(config.name, `source ${config.name}: no file matches '${pattern}' in ${where}: fix the path (it is relative to the binary's directory)`);
    }
    for (const file of matched) files.add(file);
  }
  return {
    instances: [...files].map((file) => {
      const instance = path.relative(context.binaryDir, file).split(path.sep).join('/');
      return {
        source: config.name,
        kind: 'file' as const,
        instance,
        async capture(instanceContext) {
          instanceContext.onState('reading');
          try {
            return { bytes: await readFile(file, { signal: instanceContext.signal }), notes: [], attempts: 1 };
          } catch (error) {
            if (instanceContext.signal.aborted) throw error;
            const code = (error as NodeJS.ErrnoException).code ?? 'error';
            throw new InstanceCaptureError(`cannot read ${instance} (${code}): check that it is a readable file`, false, { cause: error });
          }
        },
      };
    }),
    close: () => Promise.resolve(),
  };
};
