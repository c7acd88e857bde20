// Which code opens which kind of source.
import type { SourceConfig, SourceKind } from '../config/pgo-settings';
import { openBench } from './bench';
import { SourceOpenError } from './capture-error';
import { openFile } from './file';
import { openGcp } from './gcp';
import { openHttp } from './http';
import { openKubernetes } from './kubernetes';
import { openParca } from './parca';
import { openPyroscope } from './pyroscope';
import type { OpenedSource, OpenSource, SourceContext } from './source';

export type SourceOpeners = { [K in SourceKind]?: OpenSource<Extract<SourceConfig, { kind: K }>> };

export const SOURCE_OPENERS: SourceOpeners = {
  http: openHttp,
  kubernetes: openKubernetes,
  pyroscope: openPyroscope,
  parca: openParca,
  gcp: openGcp,
  file: openFile,
  bench: openBench,
};

/** Opens `config` with the opener of its kind. */
export function openSource(config: SourceConfig, context: SourceContext, openers: SourceOpeners = SOURCE_OPENERS): Promise<OpenedSource> {
  // The map's type ties each kind to its config; TypeScript cannot follow that through an index.
  const open = openers[config.kind] as OpenSource<SourceConfig> | undefined;
  if (open === undefined) {
    return Promise.reject(new SourceOpenError(config.name, `source ${config.name}: ${config.kind} sources are not supported by this version of go-pgo`));
  }
  return open(config, context);
}
