// @go-pgo/core: PGO operations without Nx, and the go-pgo CLI.
export { atomicWrite, OutputWriteError } from './fs/atomic-write';
export { readProfile, ProfileReadError } from './profile/read-profile';
export type { ReadProfileResult } from './profile/read-profile';
export { writeProfile } from './profile/write-profile';
export { main } from './cli/main';
export type { CliIo, TextSink } from './cli/command';
export * from './go';
