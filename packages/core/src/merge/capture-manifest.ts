// manifest.json of a capture directory (capture/manifest-types.ts), read and checked before any
// profile is: a missing or corrupt manifest is an error naming it, and an instance whose file
// would lead outside the directory is refused.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type CaptureManifest, type ManifestInstance } from '../capture/manifest-types';
import { CaptureMergeError } from './merge-error';


/** `captureDir` as the user gave it (relative to `cwd`); messages name the manifest that way. */
export async function readCaptureManifest(captureDir: string, cwd: string): Promise<CaptureManifest> {
  const shown = path.join(captureDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, shown), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `no such file: give a capture directory (written by go-pgo capture), which holds ${MANIFEST_FILE} and the profiles`
        : `cannot read it (${code}): make it a readable file`;
    throw new CaptureMergeError(`${shown}: ${reason}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CaptureMergeError(`${shown}: not valid JSON (${(error as Error).message}): capture again, or repair the file`, { cause: error });
  }
  const problem = manifestProblem(data);
  if (problem !== undefined) throw new CaptureMergeError(`${shown}: ${problem}: capture again, or repair the file`);
  return data as CaptureManifest;
}

/** What makes `data` not a manifest this version can merge from, if anything. */
function manifestProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return 'not a capture manifest (expected a JSON object)';
  if (data.version !== 1) return `has version ${JSON.stringify(data.version)}, this go-pgo reads version 1`;
  if (!Array.isArray(data.instances)) return 'has no "instances" list';
  for (const [i, instance] of (data.instances as unknown[]).entries()) {
    const problem = instanceProblem(instance);
    if (problem !== undefined) return `instances[${i}] ${problem}`;
  }
  return undefined;
}

function instanceProblem(instance: unknown): string | undefined {
  if (!isRecord(instance)) return 'is not an object';
  for (const key of ['source', 'kind', 'instance'] as const) {
    if (typeof instance[key] !== 'string' || instance[key] === '') return `has no "${key}"`;
  }
  if (instance.status !== 'ok' && instance.status !== 'failed') return `has status ${JSON.stringify(instance.status)} (expected "ok" or "failed")`;
  if (typeof instance.seconds !== 'number' || !(instance.seconds >= 0)) return 'has no "seconds" (a number ≥ 0)';
  if (instance.status === 'failed') return undefined;
  const file = (instance as Partial<ManifestInstance>).file;
  if (typeof file !== 'string' || file === '') return 'has status "ok" but no "file"';
  if (path.isAbsolute(file) || path.win32.isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
    return `names the file "${file}", which is not inside the capture directory`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
