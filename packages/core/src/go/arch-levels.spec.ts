import { archLevel } from './arch-levels';

describe('archLevel', () => {
  test.each([
    ['amd64', 'v3', ['amd64.v1', 'amd64.v2', 'amd64.v3']],
    ['arm', '6,softfloat', ['arm.5', 'arm.6']],
    ['arm64', 'v9.1,lse', ['arm64.v9.0', 'arm64.v9.1', 'arm64.v8.0', 'arm64.v8.1', 'arm64.v8.2', 'arm64.v8.3', 'arm64.v8.4', 'arm64.v8.5', 'arm64.v8.6']],
    ['386', 'softfloat', ['386.softfloat']],
    ['mips64le', 'softfloat', ['mips64le.softfloat']],
    ['ppc64', 'power9', ['ppc64.power8', 'ppc64.power9']],
    ['riscv64', 'rva23u64', ['riscv64.rva20u64', 'riscv64.rva22u64', 'riscv64.rva23u64']],
    ['wasm', 'satconv,signext', ['wasm.satconv', 'wasm.signext']],
  ])('%s at %s', (goarch, value, tags) => {
    expect(archLevel(goarch)!.tags(value)).toEqual(tags);
  });

  test.each([
    ['amd64', 'v5'],
    ['amd64', '3'],
    ['arm', '8'],
    ['arm64', 'v9.6'],
    ['arm64', 'v8'],
    ['386', 'sse3'],
    ['ppc64le', 'power7'],
    ['riscv64', 'rva21u64'],
    ['wasm', 'simd'],
  ])('%s at %s is invalid', (goarch, value) => {
    expect(archLevel(goarch)!.tags(value)).toBeUndefined();
  });

  test('architectures without levels', () => {
    expect(archLevel('s390x')).toBeUndefined();
    expect(archLevel('loong64')).toBeUndefined();
  });
});
