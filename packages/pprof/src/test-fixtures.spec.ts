// The Go fixture profiles are what they claim to be, according to the Go toolchain itself
// (`go tool pprof`, `go tool preprofile`), not our decoder.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { FIXTURE_TIMEOUT_MS, type FixtureProfile, fixtureProfiles } from '../../../tools/test-support/go-fixtures';

interface Oracle {
  profile: FixtureProfile;
  /** cum% by function name, from `go tool pprof -top`. */
  cum: Map<string, number>;
  /** Wall seconds and sampled CPU seconds, from the header of `go tool pprof -top`. */
  duration: number;
  cpu: number;
  /** `go tool pprof -raw`. */
  raw: string;
  /** `go tool preprofile` edges as `caller -> callee @offset`, with their weight. */
  edges: Map<string, number>;
}

const execGo = async (args: string[]): Promise<string> =>
  (await promisify(execFile)('go', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;

async function consult(profile: FixtureProfile): Promise<Oracle> {
  const [top, raw, pre] = await Promise.all([
    execGo(['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', '-symbolize=none', profile.path]),
    execGo(['tool', 'pprof', '-raw', '-symbolize=none', profile.path]),
    execGo(['tool', 'preprofile', '-i', profile.path]),
  ]);
  const [duration, cpu] = parseTotals(top);
  return { profile, cum: parseTop(top), duration, cpu, raw, edges: parsePreprofile(pre) };
}

// "     420ms 28.00% 57.33%      460ms 30.67%  main.Circle.Area (inline)"
const TOP_ROW = /^\s*\S+\s+[\d.]+%\s+[\d.]+%\s+\S+\s+([\d.]+)%\s+(.+?)(?: \((?:partial-)?inline\))?$/;

function parseTop(top: string): Map<string, number> {
  const cum = new Map<string, number>();
  for (const line of top.split('\n')) {
    const m = TOP_ROW.exec(line);
    if (m) cum.set(m[2], Math.max(cum.get(m[2]) ?? 0, Number(m[1])));
  }
  return cum;
}

const UNIT_SECONDS: Record<string, number> = { ms: 1e-3, s: 1, mins: 60 };
const seconds = (value: string, unit: string): number => Number(value) * UNIT_SECONDS[unit];

// "Duration: 998.24ms, Total samples = 985ms (98.67%)"
function parseTotals(top: string): [duration: number, cpu: number] {
  const m = /^Duration: ([\d.]+)(ms|s|mins), Total samples = ([\d.]+)(ms|s|mins) /m.exec(top);
  if (!m) throw new Error(`no Duration/Total samples header in go tool pprof -top output:\n${top.slice(0, 400)}`);
  return [seconds(m[1], m[2]), seconds(m[3], m[4])];
}

function parsePreprofile(text: string): Map<string, number> {
  const lines = text.split('\n');
  if (lines[0] !== 'GO PREPROFILE V1') throw new Error(`unexpected preprofile header: ${lines[0]}`);
  const edges = new Map<string, number>();
  for (let i = 1; i + 2 < lines.length; i += 3) {
    const [offset, weight] = lines[i + 2].split(' ').map(Number);
    edges.set(`${lines[i]} -> ${lines[i + 1]} @${offset}`, weight);
  }
  return edges;
}

/** Sample counts (first value) of `-raw`'s Samples section, and how many carry labels. */
function rawSamples(raw: string): { samples: number; labelled: number } {
  let samples = 0;
  let labelled = 0;
  let last = 0;
  const section = raw.slice(raw.indexOf('\nSamples:\n'), raw.indexOf('\nLocations\n'));
  for (const line of section.split('\n')) {
    const value = /^\s+(\d+)\s+\d+: [\d ]+$/.exec(line);
    if (value) samples += last = Number(value[1]);
    else if (/^\s+\w+:\[/.test(line)) labelled += last;
  }
  return { samples, labelled };
}

/** Start lines and sampled lines of the fixture programs' own functions, from `-raw`'s Locations. */
function ownFunctionLines(raw: string): Map<string, { starts: Set<number>; lines: number[] }> {
  const functions = new Map<string, { starts: Set<number>; lines: number[] }>();
  const section = raw.slice(raw.indexOf('\nLocations\n'), raw.indexOf('\nMappings\n'));
  for (const line of section.split('\n')) {
    // "     1: 0x4ceba3 M=1 main.MaxOf[go.shape.float64] gopgo.test/fixtures/shapes/main.go:90:0 s=87",
    // inlined callers on the lines below it without the address part; names may hold spaces.
    const m = /^\s+(?:\d+: 0x[\da-f]+ (?:M=\d+ )?(?:\[F\] )?)?(.+) \S+:(\d+):\d+ s=(\d+)$/.exec(line);
    if (!m || !/^(main|gopgo\.test\/)/.test(m[1])) continue;
    const fn = functions.get(m[1]) ?? { starts: new Set<number>(), lines: [] };
    fn.starts.add(Number(m[3]));
    fn.lines.push(Number(m[2]));
    functions.set(m[1], fn);
  }
  return functions;
}

const names = (o: Oracle, pattern: RegExp): string[] => [...o.cum.keys()].filter((n) => pattern.test(n));
const hasEdge = (o: Oracle, caller: string, callee: string): boolean =>
  [...o.edges.keys()].some((e) => e.startsWith(`${caller} -> ${callee} @`));

describe('Go fixture profiles', () => {
  const oracles = new Map<string, Oracle>();
  const oracle = (name: string): Oracle => {
    const o = oracles.get(name);
    if (!o) throw new Error(`fixture profile ${name} missing`);
    return o;
  };

  beforeAll(async () => {
    for (const o of await Promise.all((await fixtureProfiles()).map(consult))) oracles.set(o.profile.name, o);
  }, FIXTURE_TIMEOUT_MS);

  it('are the six promised profiles, read from their files', () => {
    expect([...oracles.keys()].sort()).toEqual(['closures', 'labels', 'service', 'shapes', 'shapes-1s', 'shapes-3s']);
    for (const { profile } of oracles.values()) expect(readFileSync(profile.path).equals(profile.bytes)).toBe(true);
  });

  it('each sample at most the CPU time their seconds say, over at least as much wall time', () => {
    const all = [...oracles.values()];
    // On a busy machine Linux delivers fewer CPU-timer signals than the CPU time used (down to
    // ~55% seen with 4 busy processes on 2 cores); GC workers run beside the program's thread,
    // so wall time may fall a little short of CPU time.
    const wrong = all.filter((o) => {
      const ratio = o.cpu / o.profile.seconds;
      return ratio < 0.4 || ratio > 1.1 || o.duration < 0.8 * o.profile.seconds;
    });
    expect(wrong.map((o) => `${o.profile.name}: ${o.cpu}s CPU in ${o.duration}s, not ${o.profile.seconds}s`)).toEqual(
      [],
    );
    const sparse = all.filter((o) => rawSamples(o.raw).samples < 120);
    expect(sparse.map((o) => `${o.profile.name}: ${rawSamples(o.raw).samples} samples`)).toEqual([]);
  });

  it('are accepted by go tool preprofile and give call edges', () => {
    for (const o of oracles.values()) expect(o.edges.size).toBeGreaterThan(3);
  });

  it('give every function of the programs one start_line, at or before its sampled lines', () => {
    let total = 0;
    for (const o of oracles.values()) {
      const functions = ownFunctionLines(o.raw);
      // service has six functions of its own, one of which (makeRequests) runs once before the
      // loop and is sampled only on a quiet machine: four is what every profile shows.
      expect(functions.size).toBeGreaterThanOrEqual(4);
      total += functions.size;
      const bad = [...functions].filter(([, { starts, lines }]) => {
        const [start] = starts;
        return starts.size !== 1 || start <= 0 || lines.some((line) => line < start);
      });
      expect(bad.map(([name, { starts }]) => `${o.profile.name}: ${name} s=${[...starts]}`)).toEqual([]);
    }
    expect(total).toBeGreaterThan(30);
  });

  it('shapes: an interface call site dominated by one concrete type, among several', () => {
    const o = oracle('shapes');
    expect(o.cum.get('main.Circle.Area')).toBeGreaterThan(5);
    const receivers = new Set(names(o, /^main\.[\w()*]+\.Area$/).map((n) => n.replace(/[()*]/g, '')));
    expect(receivers.size).toBeGreaterThanOrEqual(3);
    expect(hasEdge(o, 'main.totalArea', 'main.Circle.Area')).toBe(true);
  });

  it('shapes: generic functions instantiated with several GC shapes', () => {
    const o = oracle('shapes');
    const instances = names(o, /^main\.(SumOf|MaxOf|MapInto)\[go\.shape\..+\]$/);
    expect(instances.length).toBeGreaterThanOrEqual(3);
    expect(new Set(instances.map((n) => n.slice(0, n.indexOf('[')))).size).toBeGreaterThanOrEqual(2);
  });

  it('closures: hot closures, a deep call chain, and fib calling itself on its first line', () => {
    const o = oracle('closures');
    expect(names(o, /\.func\d+$/).filter((n) => n !== 'main.main.func1' && (o.cum.get(n) ?? 0) > 1).length).toBeGreaterThan(0);
    expect(o.cum.get('main.fib')).toBeGreaterThan(5);
    expect(o.edges.get('main.fib -> main.fib @0')).toBeGreaterThan(0);
    const chain = ['main.parse', 'main.validate', 'main.transform', 'main.aggregate', 'main.checksum'];
    for (let i = 1; i < chain.length; i++) expect(hasEdge(o, chain[i - 1], chain[i])).toBe(true);
  });

  it('labels: most samples carry handler and tenant labels of several values', async () => {
    const o = oracle('labels');
    const tags = await execGo(['tool', 'pprof', '-tags', '-symbolize=none', o.profile.path]);
    for (const value of ['handler:', '/api/users', '/api/orders', '/healthz', 'tenant:', 'acme', 'globex', 'initech']) {
      expect(tags).toContain(value);
    }
    const { samples, labelled } = rawSamples(o.raw);
    expect(labelled / samples).toBeGreaterThan(0.7);
  });

  it('service: JSON, regexp and gzip from the standard library under the program', () => {
    const o = oracle('service');
    expect(o.cum.get('main.handle')).toBeGreaterThan(50);
    expect(o.cum.get('encoding/json.Unmarshal')).toBeGreaterThan(5);
    expect(o.cum.get('regexp.(*Regexp).MatchString')).toBeGreaterThan(0);
    expect(o.cum.get('compress/gzip.(*Writer).Write')).toBeGreaterThan(0);
  });

  it('shapes-1s and shapes-3s: the same program, the second with clearly more samples and duration', () => {
    const [short, long] = [oracle('shapes-1s'), oracle('shapes-3s')];
    expect(rawSamples(long.raw).samples / rawSamples(short.raw).samples).toBeGreaterThan(1.5);
    expect(long.duration / short.duration).toBeGreaterThan(1.5);
    expect(names(long, /^main\./)).toEqual(expect.arrayContaining(['main.Circle.Area', 'main.totalArea']));
  });
});
