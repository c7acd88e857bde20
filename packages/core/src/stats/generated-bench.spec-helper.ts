// Seeded pseudo-random benchmark outputs for checking our statistics against benchstat: many
// small tables (one per case, each with its own unit) covering sample sizes 1–20 per side
// (some larger, for the normal approximations), ties, equal samples, zeros, small and large
// effects, unequal n, and units that benchstat tidies and scales differently.

/** mulberry32: a small, well-mixed 32-bit generator; the seed fixes every case. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = ['ns/op', 'B/op', 'allocs/op', 'MB/s', 'widgets/op'] as const;
type Scenario = 'continuous' | 'ties' | 'equal' | 'identical' | 'zeros' | 'disjoint';
const SCENARIOS: readonly Scenario[] = ['continuous', 'continuous', 'continuous', 'ties', 'ties', 'equal', 'identical', 'zeros', 'disjoint'];
const EFFECTS = [0, 0, 0.005, -0.005, 0.03, -0.03, 0.2, -0.2, 0.8, -0.6];

export interface GeneratedBench {
  off: string;
  pgo: string;
  cases: number;
  rows: number;
}

export function generateBenchOutputs(seed: number, cases: number): GeneratedBench {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const off: string[] = [];
  const pgo: string[] = [];
  let rows = 0;
  for (let c = 0; c < cases; c++) {
    // A unit of its own per case keeps each case in its own table with its own geomean.
    const baseUnit = pick(UNITS);
    const unit = `${baseUnit}-c${c}`;
    // benchstat keeps a 0 of a scaled unit (ns, MB) in the unscaled unit, which would split a
    // benchmark across two tables; zeros are generated for the other units only.
    const zerosAllowed = !baseUnit.startsWith('ns') && !baseUnit.startsWith('MB');
    const benchmarks = int(1, 4);
    const base = 10 ** int(-1, 9) * (1 + random() * 9);
    for (let b = 0; b < benchmarks; b++) {
      rows++;
      const name = `Case${c}/b${b}-2`;
      const large = random() < 0.1;
      const nOff = large ? int(21, 60) : int(1, 20);
      const nPgo = random() < 0.3 ? nOff : large ? int(21, 60) : int(1, 20);
      const scenario = pick(SCENARIOS.filter((s) => zerosAllowed || s !== 'zeros'));
      const effect = pick(EFFECTS);
      const noise = pick([0.001, 0.01, 0.05, 0.3]);
      const center = base * (1 + b * 0.37);
      const draw = (shift: number): number => {
        switch (scenario) {
          case 'ties':
            return Math.max(zerosAllowed ? 0 : 5, Math.round((center * (1 + shift + noise * 10 * gauss())) / (center * 0.05)) * 5);
          case 'equal':
            return Math.max(1, Math.round(center));
          case 'zeros':
            return random() < 0.6 ? 0 : int(1, 3);
          case 'disjoint':
            return Math.abs(center * (1 + shift) + center * noise * random());
          default:
            return Math.abs(center * (1 + shift + noise * gauss()));
        }
      };
      const offValues = Array.from({ length: nOff }, () => draw(0));
      const pgoValues = scenario === 'identical' ? [...offValues] : Array.from({ length: nPgo }, () => draw(effect));
      off.push(...offValues.map((v) => resultLine(name, v, unit)));
      pgo.push(...pgoValues.map((v) => resultLine(name, v, unit)));
    }
  }
  return { off: `${off.join('\n')}\nPASS\n`, pgo: `${pgo.join('\n')}\nPASS\n`, cases, rows };
}

function resultLine(name: string, value: number, unit: string): string {
  return `Benchmark${name}  \t    1000\t ${formatValue(value)} ${unit}`;
}

/** Like go test: integers plainly, others with a few significant digits. */
function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
