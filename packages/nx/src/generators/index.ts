// The generators, for programmatic use (Nx itself loads them through generators.json).
export { initGenerator } from './init/generator';
export type { InitGeneratorSchema } from './init/generator';
export { InitOptionsError } from './init/init-options';
export { binaryGenerator } from './binary/generator';
export type { BinaryGeneratorSchema } from './binary/generator';
export { BinaryOptionsError } from './binary/binary-options';
export { PluginRegistrationError } from './plugin-registration';
