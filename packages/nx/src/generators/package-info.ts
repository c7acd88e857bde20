// The name and version of this package, read from its package.json (the same relative path
// from src/generators and dist/generators), so nx.json and package.json get what is installed.
const manifest = require('../../package.json') as { name: string; version: string };

export const PLUGIN_PACKAGE: string = manifest.name;
export const PLUGIN_VERSION: string = manifest.version;
