// The microarchitecture level tags the go command sets for a GOARCH (internal/buildcfg's
// gogoarchTags): amd64.v1 … amd64.vN for GOAMD64=vN, arm.5 … arm.N for GOARM=N, and so on.
// Each level implies the lower ones.

export interface ArchLevel {
  /** The environment variable that sets it. */
  variable: string;
  /** Its value when unset. */
  defaultValue: string;
  /** The tags for a value, or undefined if the value is invalid. */
  tags(value: string): string[] | undefined;
  /** The valid values, for messages. */
  valid: string;
}

const ARCH_LEVELS: Record<string, ArchLevel> = {
  '386': oneOf('GO386', '386', ['sse2', 'softfloat']),
  amd64: {
    variable: 'GOAMD64',
    defaultValue: 'v1',
    valid: 'v1, v2, v3 or v4',
    tags: (value) => upTo(/^v([1-4])$/.exec(value), 1, (i) => `amd64.v${i}`),
  },
  arm: {
    variable: 'GOARM',
    defaultValue: '7',
    valid: '5, 6 or 7, optionally with ,softfloat or ,hardfloat',
    tags: (value) => upTo(/^([5-7])(?:,(?:softfloat|hardfloat))?$/.exec(value), 5, (i) => `arm.${i}`),
  },
  arm64: {
    variable: 'GOARM64',
    defaultValue: 'v8.0',
    valid: 'v8.0 … v8.9 or v9.0 … v9.5, optionally with ,lse and ,crypto',
    tags(value) {
      const match = /^v([89])\.([0-9])(?:,(?:lse|crypto))*$/.exec(value);
      if (!match || (match[1] === '9' && Number(match[2]) > 5)) return undefined;
      const major = Number(match[1]);
      const minor = Number(match[2]);
      const tags = Array.from({ length: minor + 1 }, (_, i) => `arm64.v${major}.${i}`);
      // A v9.x core also implements v8.(x+5).
      if (major === 9) for (let i = 0; i <= Math.min(minor + 5, 9); i++) tags.push(`arm64.v8.${i}`);
      return tags;
    },
  },
  mips: oneOf('GOMIPS', 'mips', ['hardfloat', 'softfloat']),
  mipsle: oneOf('GOMIPS', 'mipsle', ['hardfloat', 'softfloat']),
  mips64: oneOf('GOMIPS64', 'mips64', ['hardfloat', 'softfloat']),
  mips64le: oneOf('GOMIPS64', 'mips64le', ['hardfloat', 'softfloat']),
  ppc64: power('ppc64'),
  ppc64le: power('ppc64le'),
  riscv64: {
    variable: 'GORISCV64',
    defaultValue: 'rva20u64',
    valid: 'rva20u64, rva22u64 or rva23u64',
    tags(value) {
      const levels = ['rva20u64', 'rva22u64', 'rva23u64'];
      const index = levels.indexOf(value);
      return index < 0 ? undefined : levels.slice(0, index + 1).map((level) => `riscv64.${level}`);
    },
  },
  // GOWASM may still name both features, which are always on.
  wasm: {
    variable: 'GOWASM',
    defaultValue: '',
    valid: 'satconv and/or signext, comma-separated',
    tags: (value) => (/^(?:(?:satconv|signext)(?:,|$))*$/.test(value) ? ['wasm.satconv', 'wasm.signext'] : undefined),
  },
};

/** How GOARCH's level is set, or undefined for architectures without levels. */
export function archLevel(goarch: string): ArchLevel | undefined {
  return ARCH_LEVELS[goarch];
}

/** A level that is exactly one value of a list, e.g. GO386=sse2 → 386.sse2. */
function oneOf(variable: string, goarch: string, values: string[]): ArchLevel {
  return {
    variable,
    defaultValue: values[0]!,
    valid: values.join(' or '),
    tags: (value) => (values.includes(value) ? [`${goarch}.${value}`] : undefined),
  };
}

function power(goarch: string): ArchLevel {
  return {
    variable: 'GOPPC64',
    defaultValue: 'power8',
    valid: 'power8, power9 or power10',
    tags: (value) => upTo(/^power(8|9|10)$/.exec(value), 8, (i) => `${goarch}.power${i}`),
  };
}

/** Tags for levels `first` … the number matched, or undefined without a match. */
function upTo(match: RegExpExecArray | null, first: number, tag: (level: number) => string): string[] | undefined {
  if (!match) return undefined;
  return Array.from({ length: Number(match[1]) - first + 1 }, (_, i) => tag(first + i));
}
