import type { NxJsonConfiguration } from '@nx/devkit';
import { effectivePluginOptions, findRegistrations, PluginRegistrationError, registerPlugin } from './plugin-registration';

const PLUGIN = '@go-pgo/nx';
const OTHER = { plugin: '@nx/js/typescript', options: { typecheck: true } };

describe('registerPlugin', () => {
  it('adds an object registration after the existing plugins, with only options that differ from the defaults', () => {
    const nxJson: NxJsonConfiguration = { plugins: [OTHER] };
    expect(registerPlugin(nxJson, { targetPrefix: 'pgo-', profile: 'cpu.pgo', moduleProjects: true, nameTemplate: '{module}-{name}' })).toBe(true);
    expect(nxJson.plugins).toEqual([OTHER, { plugin: PLUGIN, options: { profile: 'cpu.pgo', nameTemplate: '{module}-{name}' } }]);
  });

  it('writes no options key when every option is a default, and creates plugins when absent', () => {
    const nxJson: NxJsonConfiguration = {};
    expect(registerPlugin(nxJson, { targetPrefix: 'pgo-', nameTemplate: '{name}', profile: 'default.pgo', moduleProjects: true })).toBe(true);
    expect(nxJson.plugins).toEqual([{ plugin: PLUGIN }]);
  });

  it('leaves a string registration alone when nothing or only defaults are requested', () => {
    for (const requested of [{}, { targetPrefix: 'pgo-', moduleProjects: true }]) {
      const nxJson: NxJsonConfiguration = { plugins: [PLUGIN, OTHER] };
      expect(registerPlugin(nxJson, requested)).toBe(false);
      expect(nxJson.plugins).toEqual([PLUGIN, OTHER]);
    }
  });

  it('turns a string registration into an object in place when options are requested, without adding a second one', () => {
    const nxJson: NxJsonConfiguration = { plugins: [OTHER, PLUGIN] };
    expect(registerPlugin(nxJson, { moduleProjects: false })).toBe(true);
    expect(nxJson.plugins).toEqual([OTHER, { plugin: PLUGIN, options: { moduleProjects: false } }]);
  });

  it('merges into existing options, keeps include/exclude, and drops an option set back to its default', () => {
    const entry = { plugin: PLUGIN, options: { targetPrefix: 'go-', profile: 'cpu.pgo' }, include: ['services/**'] };
    const nxJson: NxJsonConfiguration = { plugins: [entry] };
    expect(registerPlugin(nxJson, { targetPrefix: 'pgo-', moduleProjects: false })).toBe(true);
    expect(nxJson.plugins).toEqual([{ plugin: PLUGIN, options: { profile: 'cpu.pgo', moduleProjects: false }, include: ['services/**'] }]);
    expect(entry.options).toEqual({ targetPrefix: 'go-', profile: 'cpu.pgo' }); // the input object is not mutated
  });

  it('removes the options key when the last option goes back to its default', () => {
    const nxJson: NxJsonConfiguration = { plugins: [{ plugin: PLUGIN, options: { targetPrefix: 'go-' } }] };
    expect(registerPlugin(nxJson, { targetPrefix: 'pgo-' })).toBe(true);
    expect(nxJson.plugins).toEqual([{ plugin: PLUGIN }]);
  });

  it('reports no change, and keeps the entry object, when the requested options are already there', () => {
    const entry = { plugin: PLUGIN, options: { profile: 'cpu.pgo', moduleProjects: false } };
    const nxJson: NxJsonConfiguration = { plugins: [entry] };
    expect(registerPlugin(nxJson, { profile: 'cpu.pgo', moduleProjects: false, targetPrefix: 'pgo-' })).toBe(false);
    expect(nxJson.plugins![0]).toBe(entry);
  });

  it('refuses to guess between several registrations, naming their positions', () => {
    const nxJson: NxJsonConfiguration = { plugins: [{ plugin: PLUGIN, include: ['a/**'] }, OTHER, { plugin: PLUGIN, include: ['b/**'] }] };
    expect(() => registerPlugin(nxJson, { profile: 'cpu.pgo' })).toThrow(PluginRegistrationError);
    expect(() => registerPlugin(nxJson, { profile: 'cpu.pgo' })).toThrow(/2 times \(plugins\[0\], plugins\[2\]\)/);
    expect(registerPlugin(nxJson, {})).toBe(false);
  });
});

describe('findRegistrations and effectivePluginOptions', () => {
  it('finds both forms and ignores other plugins', () => {
    expect(findRegistrations({ plugins: [OTHER, PLUGIN, { plugin: PLUGIN }] }).map((r) => r.index)).toEqual([1, 2]);
    expect(findRegistrations({})).toEqual([]);
  });

  it('reads targetPrefix and profile from the one registration, else the defaults', () => {
    expect(effectivePluginOptions({ plugins: [{ plugin: PLUGIN, options: { targetPrefix: 'go-', profile: 'cpu.pgo' } }] })).toEqual({
      targetPrefix: 'go-',
      profile: 'cpu.pgo',
    });
    expect(effectivePluginOptions({ plugins: [PLUGIN] })).toEqual({ targetPrefix: 'pgo-', profile: 'default.pgo' });
    expect(effectivePluginOptions(null)).toEqual({ targetPrefix: 'pgo-', profile: 'default.pgo' });
    // A non-string value is not ours to interpret: the default stands.
    expect(effectivePluginOptions({ plugins: [{ plugin: PLUGIN, options: { profile: 42 } }] }).profile).toBe('default.pgo');
  });
});
