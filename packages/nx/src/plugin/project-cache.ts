// The projects createNodes made, kept beside the facts cache and reused while the facts' hash
// and everything else they were made from (the options, the go.mod files Nx handed over,
// whether @nx-go/nx-go owns the modules) are the same. Nx 24 starts a fresh plugin worker for
// every graph computation, the daemon's too, so a warm graph parses the projects from disk
// instead of building a thousand project objects with a cold JIT, and an edit that leaves the
// facts as they were (a comment, a function body) reuses them too.
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateNodesResultArray } from '@nx/devkit';
import { readCacheFile, writeCacheFile } from './cache-file';
import type { WorkspaceFacts } from './facts-cache';

/** Bumped whenever the projects the same facts give change (targets.ts, create-nodes.ts). */
const FORMAT = 1;
/** The versions of what makes projects from facts, this package and core (its input sets): an upgrade rebuilds them. */
const MAKERS = [path.join(__dirname, '..', '..', 'package.json'), require.resolve('@go-pgo/core/package.json')].map(
  (file) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version,
);

interface ProjectsEntry {
  format: number;
  key: string;
  results: CreateNodesResultArray;
}

/**
 * The projects cached for `facts` and `inputs` (the rest of what they are made from), else
 * `build()`'s, which are then saved for the next graph. Facts with errors are neither.
 */
export async function cachedProjects(facts: WorkspaceFacts, inputs: unknown, build: () => CreateNodesResultArray): Promise<CreateNodesResultArray> {
  if (facts.hash === '') return build();
  const file = facts.file.replace(/\.json$/, '.projects.json');
  const key = hash('sha1', JSON.stringify([FORMAT, MAKERS, facts.hash, inputs]), 'hex');
  const entry = readCacheFile<ProjectsEntry>(file);
  if (entry?.format === FORMAT && entry.key === key) return entry.results;
  const results = build();
  await writeCacheFile(file, JSON.stringify({ format: FORMAT, key, results } satisfies ProjectsEntry), 'the project cache', 'the next graph will rebuild the projects');
  return results;
}
