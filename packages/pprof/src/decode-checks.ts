// The checks google/pprof's Profile.CheckValid makes, on a freshly decoded profile: ids are
// nonzero and unique per table, every id reference resolves, every sample has one value per
// sample type. A profile that passes can be merged and re-encoded without a missing object.
import { ProfileFormatError } from './errors';
import { IdIndex, danglingId } from './id-index';
import type { Profile } from './model';

const REGENERATE = 'the profile is corrupt; regenerate it (or re-export it with `go tool pprof -proto`)';

/** The id index of a table whose ids must all be nonzero (0 means "none" in references). */
function tableIndex(table: readonly { id: number }[], name: string): IdIndex {
  for (let i = 0; i < table.length; i++) {
    if (table[i].id === 0) {
      throw new ProfileFormatError(
        'reserved-id',
        `${name}[${i}].id is 0 (or missing), but id 0 is reserved to mean "none": ${REGENERATE}`,
        { where: `${name}[${i}].id` },
      );
    }
  }
  return new IdIndex(table, name);
}

/** The lowest and highest location id the samples use. */
export interface IdRange {
  lowest: number;
  highest: number;
}

export function checkDecodedProfile(profile: Profile, sampleLocationIds: IdRange): void {
  const valueCount = profile.sampleType.length;
  const samples = profile.sample;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i].value.length !== valueCount) {
      throw new ProfileFormatError(
        'malformed',
        `sample[${i}].value has ${samples[i].value.length} values but the profile has ${valueCount} sample types: ` +
          REGENERATE,
        { where: `sample[${i}].value` },
      );
    }
  }
  const mappings = tableIndex(profile.mapping, 'mapping');
  const functions = tableIndex(profile.function, 'function');
  const locations = tableIndex(profile.location, 'location');
  let highestLocationId = 0;
  for (let i = 0; i < profile.location.length; i++) {
    const location = profile.location[i];
    if (location.id > highestLocationId) highestLocationId = location.id;
    if (location.mappingId !== 0 && mappings.get(location.mappingId) < 0) {
      throw danglingId(`location[${i}].mapping_id`, location.mappingId, 'mapping');
    }
    const lines = location.line;
    for (let j = 0; j < lines.length; j++) {
      const functionId = lines[j].functionId;
      if (functionId !== 0 && functions.get(functionId) < 0) {
        throw danglingId(`location[${i}].line[${j}].function_id`, functionId, 'function');
      }
    }
  }
  // n unique nonzero ids none above n are 1..n: then every sample id in [1, n] resolves, and the
  // walk over every sample's ids (millions in a large profile) is only needed to name a culprit.
  const n = profile.location.length;
  if (highestLocationId === n && sampleLocationIds.lowest >= 1 && sampleLocationIds.highest <= n) return;
  for (let i = 0; i < samples.length; i++) {
    const ids = samples[i].locationId;
    for (let k = 0; k < ids.length; k++) {
      if (locations.get(ids[k]) < 0) throw danglingId(`sample[${i}].location_id[${k}]`, ids[k], 'location');
    }
  }
}
