import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeFileReader, parsePgoSettings } from '@go-pgo/core/graph';
import { normalizeOptions } from './options';
import { profileSetting } from './pgo-config';

describe('profileSetting', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-config-'));
    mkdirSync(path.join(root, 'cmd/api'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('without pgo.yaml and defaults it answers without the parser, as the parser would', () => {
    const binaryDir = path.join(root, 'cmd/api');
    const builtIn = parsePgoSettings(undefined, path.join(binaryDir, 'pgo.yaml'), { workspaceRoot: root, binaryDir });
    expect([builtIn.profileSource, builtIn.capture.sources, builtIn.bench.packages, builtIn.loadtest.replay, builtIn.loadtest.command, builtIn.canary.prometheus]).toEqual([
      'built-in',
      [],
      [],
      undefined,
      undefined,
      undefined,
    ]);
    expect(profileSetting(nodeFileReader, root, 'cmd/api', normalizeOptions(undefined))).toEqual({
      profile: 'cmd/api/default.pgo',
      explicit: false,
      hasPgoYaml: false,
      captureConfigured: false,
      benchConfigured: false,
      loadtestConfigured: false,
      canaryConfigured: false,
    });
  });

  test('pgo.yaml, even empty, is read and counts', () => {
    writeFileSync(path.join(root, 'cmd/api/pgo.yaml'), '');
    expect(profileSetting(nodeFileReader, root, 'cmd/api', normalizeOptions(undefined))).toMatchObject({ hasPgoYaml: true, explicit: false });
    writeFileSync(path.join(root, 'cmd/api/pgo.yaml'), 'profile: ../../profiles/api.pgo\nbench: { packages: [./internal/x] }\n');
    expect(profileSetting(nodeFileReader, root, 'cmd/api', normalizeOptions(undefined))).toEqual({
      profile: 'profiles/api.pgo',
      explicit: true,
      hasPgoYaml: true,
      captureConfigured: false,
      benchConfigured: true,
      loadtestConfigured: false,
      canaryConfigured: false,
    });
  });
});
