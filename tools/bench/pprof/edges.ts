// Edge extraction in tools/bench/pprof: our read → decode → pgoEdges → preprofile text, in a
// Node process (cold and warm), against the preprofile tool itself (the binary go build runs,
// $(go env GOTOOLDIR)/preprofile, measured as a whole process). Both outputs must be the same
// bytes before a time is reported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusFile } from '../../test-support/corpus';
import { measure, median, ratio } from '../measure';

const ms = (seconds: number): string => `${(seconds * 1000).toFixed(1)} ms`;

export interface EdgeTiming {
  name: string;
  goSeconds: number;
  coldSeconds: number;
  warmSeconds: number;
}

const inProcess = path.join(__dirname, 'edges-in-process.js');

export function timeEdges(file: CorpusFile, runs: number, work: string): EdgeTiming {
  const tool = path.join(execFileSync('go', ['env', 'GOTOOLDIR'], { encoding: 'utf8' }).trim(), 'preprofile');
  const goOut = path.join(work, `${file.name}.go.preprofile`);
  const ourOut = path.join(work, `${file.name}.ours.preprofile`);
  const go: number[] = [];
  const ours: { coldSeconds: number; warmSeconds: number }[] = [];
  // Alternate the sides so that machine drift lands on both.
  for (let i = 0; i < Math.max(3, runs); i++) {
    go.push(measure(tool, ['-i', file.path, '-o', goOut]).wallSeconds);
    if (i < 3) ours.push(JSON.parse(execFileSync('node', [inProcess, String(runs), file.path, ourOut], { encoding: 'utf8' })));
  }
  if (!readFileSync(goOut).equals(readFileSync(ourOut))) throw new Error(`${file.name}: our preprofile text differs from go tool preprofile's`);
  return {
    name: file.name,
    goSeconds: median(go),
    coldSeconds: median(ours.map((o) => o.coldSeconds)),
    warmSeconds: median(ours.map((o) => o.warmSeconds)),
  };
}

export function edgeTable(rows: EdgeTiming[]): string[] {
  return [
    '| corpus profile | preprofile tool | in-process pgoEdges warm (cold) | in-process / tool |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${ms(r.goSeconds)} | ${ms(r.warmSeconds)} (${ms(r.coldSeconds)}) | ${ratio(r.warmSeconds, r.goSeconds)} |`),
  ];
}
