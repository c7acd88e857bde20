// @go-pgo/pprof: the pprof format, bytes in and bytes out. No file or process I/O here.
export * from './model';
export * from './int64';
export * from './errors';
export * from './transform-error';
export { decode } from './decode';
export { encode } from './encode';
export { merge } from './merge';
export type { MergeOptions } from './merge';
export { scale } from './scale';
export { compactForPgo, DEFAULT_KEEP_FRAMES, MIN_KEEP_FRAMES } from './compact';
export type { CompactOptions } from './compact';
export { rename } from './rename';
export type { RenameRule } from './rename';
export { noInline } from './no-inline';
export { sanitize } from './sanitize';
export { sampleCount, summarize } from './summarize';
export type { ProfileSummary, FunctionWeight, Problem } from './summarize';
export { pgoSampleIndex } from './pgo-sample-type';
