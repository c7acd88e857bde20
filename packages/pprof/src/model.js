"use strict";
// The in-memory pprof profile: the fields of profile.proto with string-table indexes
// resolved to strings. Ids stay ids (as in the wire format) so that merge and compaction can
// work on integer keys.
//
// 64-bit integers: a value is a `number` whenever it is a safe integer and a `bigint`
// otherwise, so the common case stays fast and nothing above 2^53 (time_nanos, kernel
// addresses) loses a bit. Ids, line numbers and columns are plain numbers: the decoder rejects
// values beyond 2^53 there with a typed error.
Object.defineProperty(exports, "__esModule", { value: true });
exports.emptyProfile = emptyProfile;
/** An empty profile, for building profiles field by field. */
function emptyProfile() {
    return {
        sampleType: [],
        sample: [],
        mapping: [],
        location: [],
        function: [],
        dropFrames: '',
        keepFrames: '',
        timeNanos: 0,
        durationNanos: 0,
        periodType: undefined,
        period: 0,
        comments: [],
        defaultSampleType: '',
        docUrl: '',
    };
}
//# sourceMappingURL=model.js.map