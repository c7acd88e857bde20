// The information floor of a profile for Go PGO: its edge list as `go tool preprofile` prints it,
// gzipped as small as zlib makes it. No pprof holding the same PGO decisions is expected to be
// much smaller; how far a committed profile is above it is what compaction can still save.
import { formatPreprofile, type PgoEdgeList } from './pgo-edges';
import { gzipSmallest } from './wire/gzip';

/** Bytes of the gzipped preprofile text of `edges`. */
export function edgeListFloor(edges: PgoEdgeList): number {
  return gzipSmallest(Buffer.from(formatPreprofile(edges), 'utf8')).length;
}
