// Protobuf wire types (the low 3 bits of a field tag) that profile.proto uses or a reader must skip.
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;
