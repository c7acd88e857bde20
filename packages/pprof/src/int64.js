"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.normalizeInt64 = normalizeInt64;
exports.addInt64 = addInt64;
exports.isZeroInt64 = isZeroInt64;
exports.toNumber = toNumber;
exports.maxInt64 = maxInt64;
// Arithmetic on Int64 (number when safe, bigint otherwise) that stays exact and keeps the
// normal form: a result that fits in a safe integer is always a number.
function normalizeInt64(value) {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
function addInt64(a, b) {
    if (typeof a === 'number' && typeof b === 'number') {
        const sum = a + b;
        if (Number.isSafeInteger(sum))
            return sum;
    }
    return normalizeInt64(BigInt(a) + BigInt(b));
}
function isZeroInt64(value) {
    return value === 0 || value === BigInt(0);
}
/** Approximate numeric value, for ratios and display. */
function toNumber(value) {
    return typeof value === 'number' ? value : Number(value);
}
function maxInt64(a, b) {
    return a >= b ? a : b;
}
//# sourceMappingURL=int64.js.map