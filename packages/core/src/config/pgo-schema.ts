// pgo.yaml (DESIGN.md) as a schema: every key, what it accepts, its built-in default. The
// validator in schema.ts reads it; PgoSettings (pgo-settings.ts) is what comes out.
//
// Fractions (capture.quorum, the validate ratios, merge weights aside) accept `0.6` or `60%`;
// a bare number above 1 is refused, so `cpu: 5` is not silently read as 500%. Gates may exceed
// 100% when written as a percentage (`buildTime: 150%`).
import { workspaceRelative } from './workspace-path';
import type { Field, ListSchema, ObjectSchema, PathSchema, PercentSchema, Schema, SchemaContext, TextSchema } from './schema';

const text: TextSchema = { type: 'string' };
const ratio: PercentSchema = { type: 'percent', maxPercent: 100, example: '60%' };
const gate: PercentSchema = { type: 'percent', example: '5%' };
const positiveInt: Schema = { type: 'int', min: 1 };
const count: Schema = { type: 'int', min: 0 };

/** `now`, `now-1h`, `now-30m` (Grafana-style relative times), or an RFC 3339 time. */
const time: TextSchema = {
  type: 'string',
  pattern: /^(now(-\d+(ms|s|m|h|d|w))?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))$/,
  expected: 'now, now-<N><unit> (e.g. now-1h) or an RFC 3339 time (e.g. 2024-05-01T12:00:00Z)',
};

/** A -test.benchtime: a duration (`10s`) or an iteration count (`100x`). */
const benchtime: TextSchema = {
  type: 'string',
  pattern: /^(\d+x|\d+(\.\d+)?(ns|us|µs|ms|s|m|h))$/,
  expected: 'a go test -benchtime, a duration like 10s or a count like 100x',
};

const packagePatterns: ListSchema = {
  type: 'list',
  nonEmpty: true,
  example: '[./bench/...]',
  items: {
    type: 'path',
    base: 'moduleRoot',
    expected: () => 'a Go package pattern, e.g. ./internal/svc/...',
    outside: 'benchmark only packages of the workspace',
  },
};

/** A Prometheus duration: `15s`, `1m`, `2h`. */
const promDuration: TextSchema = {
  type: 'string',
  pattern: /^\d+(ms|s|m|h|d|w|y)$/,
  expected: 'a Prometheus duration like 15s, 1m or 1h',
  example: '1m',
};

const endpointPath: TextSchema = { type: 'string', pattern: /^\//, expected: "a URL path starting with '/', e.g. /debug/pprof/profile" };
const DEFAULT_ENDPOINT = '/debug/pprof/profile';

const profilePath: PathSchema = {
  type: 'path',
  base: 'binaryDir',
  expected: (context: SchemaContext) =>
    `the path of the profile file relative to ${workspaceRelative(context.workspaceRoot, context.binaryDir)}`,
  outside: 'keep the profile inside the workspace, so that it is versioned with the code and builds are cached on its content',
  example: 'default.pgo',
};

const window = (): Record<string, Field> => ({
  from: { schema: time, default: 'now-1h', example: 'now-1h' },
  until: { schema: time, default: 'now', example: 'now' },
});

const source = (fields: Record<string, Field>): ObjectSchema => ({
  type: 'object',
  fields: {
    name: {
      schema: { type: 'string', pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, expected: "a name of letters, digits, '.', '_' and '-', e.g. prod-us", example: 'prod-us' },
      example: 'prod-us',
    },
    ...fields,
  },
});

const required = (schema: Schema, example: string): Field => ({ schema, required: true, example });

export const SOURCE_KINDS = {
  http: source({
    urls: required({ type: 'list', nonEmpty: true, items: { type: 'url' }, example: '[http://10.0.0.5:6060]' }, '[http://10.0.0.5:6060]'),
    path: { schema: endpointPath, default: DEFAULT_ENDPOINT },
  }),
  kubernetes: source({
    namespace: required(text, 'prod'),
    selector: required(text, 'app=myapp'),
    port: required({ type: 'int', min: 1, max: 65535 }, '6060'),
    maxPods: { schema: positiveInt, default: 10 },
    context: { schema: text },
    path: { schema: endpointPath, default: DEFAULT_ENDPOINT },
  }),
  pyroscope: source({
    url: required({ type: 'url' }, 'https://pyroscope.example.com'),
    query: required(text, `'{service_name="myapp"}'`),
    profileType: { schema: text, default: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds' },
    ...window(),
    tenant: { schema: text },
  }),
  parca: source({
    url: required({ type: 'url' }, 'https://parca.example.com'),
    query: required(text, `'process_cpu:samples:count:cpu:nanoseconds:delta{job="myapp"}'`),
    ...window(),
  }),
  gcp: source({
    project: required(text, 'my-project'),
    service: required(text, 'myapp'),
    version: { schema: text },
    zone: { schema: text },
    ...window(),
    maxProfiles: { schema: positiveInt, default: 20 },
  }),
  file: source({
    paths: required(
      {
        type: 'list',
        nonEmpty: true,
        example: '[profiles/*.pprof]',
        items: {
          type: 'path',
          base: 'binaryDir',
          expected: (context) => `a file or glob relative to ${workspaceRelative(context.workspaceRoot, context.binaryDir)}`,
          outside: 'read profiles from inside the workspace',
        },
      },
      '[profiles/*.pprof]',
    ),
  }),
  bench: source({
    packages: required(packagePatterns, '[./bench/...]'),
    bench: { schema: text, default: '.' },
    benchtime: { schema: benchtime, default: '10s' },
  }),
} satisfies Record<string, ObjectSchema>;

export const PGO_SCHEMA: ObjectSchema = {
  type: 'object',
  fields: {
    profile: { schema: profilePath, default: 'default.pgo', example: 'default.pgo' },
    capture: {
      schema: {
        type: 'object',
        fields: {
          seconds: { schema: positiveInt, default: 30, example: '30' },
          quorum: { schema: ratio, default: 0.6 },
          concurrency: { schema: positiveInt, default: 64 },
          attempts: { schema: positiveInt, default: 4 },
          sources: {
            schema: {
              type: 'list',
              example: '[http: { urls: [http://10.0.0.5:6060] }]',
              items: { type: 'kind', what: 'source', kinds: SOURCE_KINDS, example: 'http: { name: prod-us, urls: [http://10.0.0.5:6060] }' },
              unique: { key: (item) => (item as { name: string }).name, what: 'name' },
            },
            default: [],
          },
        },
      },
    },
    merge: {
      schema: {
        type: 'object',
        fields: {
          normalize: { schema: { type: 'enum', values: ['duration', 'none'] }, default: 'duration', example: 'duration' },
          weights: {
            schema: { type: 'map', keys: 'a source name or an instance glob', values: { type: 'number', min: 0 }, example: '{ prod-us: 2 }' },
            default: {},
          },
          dropLabels: { schema: { type: 'boolean' }, default: true },
          noInline: { schema: { type: 'list', items: text, example: '[runtime.gopark]' }, default: [] },
          keepFrames: { schema: { type: 'int', min: 2 }, default: 5 },
          compact: { schema: { type: 'enum', values: ['default', 'minimal'] }, default: 'default', example: 'minimal' },
        },
      },
    },
    validate: {
      schema: {
        type: 'object',
        fields: {
          minBytes: { schema: count, default: 10240, example: '10240' },
          minSamples: { schema: count, default: 1000 },
          minStartLineCoverage: { schema: ratio, default: 0.99 },
          maxStaleRatio: { schema: ratio, default: 0.2 },
          minCallSiteMatch: { schema: ratio, default: 0.8 },
          minCoverage: { schema: ratio, default: 0.3 },
          maxWrongBinaryRatio: { schema: ratio, default: 0.2 },
        },
      },
    },
    bench: {
      schema: {
        type: 'object',
        fields: {
          packages: { schema: { ...packagePatterns, nonEmpty: false }, default: [], example: '[./internal/svc/...]' },
          bench: { schema: text, default: '.' },
          count: { schema: positiveInt, default: 8 },
          benchtime: { schema: benchtime },
          gates: {
            schema: {
              type: 'object',
              fields: { cpu: { schema: gate, example: '5%' }, binarySize: { schema: gate }, buildTime: { schema: gate } },
            },
            default: {},
          },
        },
      },
    },
    loadtest: {
      schema: {
        type: 'object',
        fields: {
          args: { schema: { type: 'list', items: text, example: "[-addr, '{addr}']" }, default: [], example: "[-addr, '{addr}']" },
          env: { schema: { type: 'map', keys: 'an environment variable name', values: text, example: "{ PORT: '{port}' }" }, default: {} },
          health: { schema: endpointPath, default: '/healthz' },
          startSeconds: { schema: positiveInt, default: 30 },
          rounds: { schema: { type: 'int', min: 2 }, default: 10 },
          requests: { schema: positiveInt, default: 2000 },
          warmup: { schema: count, default: 1000 },
          concurrency: { schema: positiveInt, default: 4 },
          replay: {
            schema: {
              type: 'path',
              base: 'binaryDir',
              expected: (context) => `a request file (JSON lines) relative to ${workspaceRelative(context.workspaceRoot, context.binaryDir)}`,
              outside: 'keep the request file inside the workspace, so it is versioned with the service',
              example: 'loadtest/requests.jsonl',
            },
            example: 'loadtest/requests.jsonl',
          },
          command: { schema: { type: 'list', nonEmpty: true, items: text, example: "[wrk, -t1, -c8, -d5m, --latency, -s, '{wrkScript}', '{url}', --, '{requests}']" } },
          gates: {
            schema: { type: 'object', fields: { cpuPerRequest: { schema: gate, example: '5%' }, latencyP99: { schema: gate, example: '20%' } } },
            default: { cpuPerRequest: '5%' },
          },
        },
      },
    },
    canary: {
      schema: {
        type: 'object',
        fields: {
          prometheus: { schema: { type: 'url' }, example: 'http://prometheus:9090' },
          canary: { schema: text, example: `'job="api",track="canary"'` },
          baseline: { schema: text, example: `'job="api",track="stable"'` },
          from: { schema: time, default: 'now-1h', example: 'now-1h' },
          until: { schema: time, default: 'now' },
          step: { schema: promDuration, default: '1m' },
          minSteps: { schema: { type: 'int', min: 6 }, default: 10 },
          queries: {
            schema: {
              type: 'object',
              fields: {
                cpu: { schema: text, default: 'sum(rate(process_cpu_seconds_total{<selector>}[<step>]))' },
                requests: { schema: text, default: 'sum(rate(http_requests_total{<selector>}[<step>]))' },
              },
            },
          },
          gates: {
            schema: { type: 'object', fields: { cpuPerRequest: { schema: gate, example: '5%' } } },
            default: { cpuPerRequest: '5%' },
          },
        },
      },
    },
  },
};
