// For the capture specs: settings, a scratch workspace, and reading a run's manifest back.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaptureSettings, SourceConfig } from '../config/pgo-settings';
import type { CaptureManifest } from './manifest-types';
import type { RunCaptureOptions } from './run-capture';

export function captureSettings(sources: SourceConfig[], overrides: Partial<CaptureSettings> = {}): CaptureSettings {
  return { seconds: 1, quorum: 0.6, concurrency: 64, attempts: 1, sources, ...overrides };
}

export function httpSource(urls: string[], name = 'http'): SourceConfig {
  return { kind: 'http', name, urls, path: '/debug/pprof/profile' };
}

/** A scratch workspace (inside `parent`) with a cmd/storefront directory; captures go under its .pgo/. */
export function scratchWorkspace(parent = os.tmpdir()): RunCaptureOptions['context'] {
  const root = mkdtempSync(path.join(parent, 'go-pgo-capture-'));
  return { workspaceRoot: root, moduleRoot: root, binaryDir: path.join(root, 'cmd', 'storefront') };
}

export function readManifest(file: string): CaptureManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as CaptureManifest;
}

/** The run directories under a project's captures directory, hidden (partial) ones included. */
export function captureDirs(workspaceRoot: string, project = 'storefront'): string[] {
  return readdirSync(path.join(workspaceRoot, '.pgo', 'captures', project)).sort();
}
