// `go-pgo profile …`: the commands that read and write pprof files.
import { commandGroup } from '../command';
import { compactCommand } from './compact';
import { inspectCommand } from './inspect';
import { mergeCommand } from './merge';
import { renameCommand } from './rename';
import { sanitizeCommand } from './sanitize';

export const profileCommand = commandGroup({
  path: 'go-pgo profile',
  name: 'profile',
  summary: 'inspect, merge, compact, rename and sanitize pprof profiles',
  commands: [inspectCommand, mergeCommand, compactCommand, renameCommand, sanitizeCommand],
});
