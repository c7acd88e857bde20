// Go workspace scanning without the go command: modules, binaries and import closures.
export { GoWorkspaceScanner } from './scanner';
export type { GoScannerOptions } from './scanner';
export { buildContext, buildContextOptionsFromEnv } from './build-context';
export type { BuildContext, BuildContextOptions } from './build-context';
export { GoScanError } from './go-error';
export type { GoScanErrorCode } from './go-error';
export { nodeFileReader } from './file-reader';
export type { DirEntry, EntryKind, GoFileReader } from './file-reader';
export type { GoBinary, GoModule, GoWorkspace, LocalReplace, GoWorkFacts } from './workspace';
export type { ClosurePackage, GoClosure } from './closure';
export { parseGoMod } from './go-mod';
export type { GoModFile, GoRequire } from './go-mod';
export { parseGoWork } from './go-work';
export type { GoWorkFile, GoWorkUse } from './go-work';
export type { GoReplace } from './mod-directives';
