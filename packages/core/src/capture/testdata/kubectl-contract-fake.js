#!/usr/bin/env node
// CONTRACT FAKE of kubectl, for the kubernetes capture specs (we cannot run a cluster here).
// It implements exactly the two commands the kubernetes source uses, with kubectl's arguments,
// output formats and error messages:
//   kubectl [--context C] get pods -n NS -l SELECTOR -o json   -> a v1 PodList (status.phase,
//                                                                status.conditions[type=Ready])
//   kubectl [--context C] port-forward -n NS pod/NAME :PORT    -> prints
//     "Forwarding from 127.0.0.1:LOCAL -> PORT" and "Forwarding from [::1]:LOCAL -> PORT", then
//     really forwards every TCP connection to the pod (here: a local storefront process).
// The "cluster" is a JSON file named by KUBECTL_FAKE_STATE:
//   { "currentContext": "c", "contexts": { "c": { "pods": [{ "name", "namespace", "labels",
//     "phase", "ready", "port", "target": "127.0.0.1:NNNN" }] } } }
// Every invocation appends {"pid", "args"} as a JSON line to KUBECTL_FAKE_LOG, so the specs can
// check which arguments were passed and that no kubectl process outlives the capture.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const args = process.argv.slice(2);
fs.appendFileSync(process.env.KUBECTL_FAKE_LOG, `${JSON.stringify({ pid: process.pid, args })}\n`);
const state = JSON.parse(fs.readFileSync(process.env.KUBECTL_FAKE_STATE, 'utf8'));

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function option(names) {
  for (const name of names) {
    const i = args.indexOf(name);
    if (i >= 0) {
      const value = args[i + 1];
      args.splice(i, 2);
      return value;
    }
    const inline = args.find((a) => a.startsWith(`${name}=`));
    if (inline) {
      args.splice(args.indexOf(inline), 1);
      return inline.slice(name.length + 1);
    }
  }
  return undefined;
}

const contextName = option(['--context']) ?? state.currentContext;
const context = state.contexts[contextName];
if (!context) fail(`error: context "${contextName}" does not exist`);
const namespace = option(['-n', '--namespace']) ?? 'default';

/** Equality-based label selectors (`a=b,c!=d,e`), as kubectl -l accepts. */
function matches(selector, labels) {
  return selector.split(',').every((term) => {
    const ne = term.split('!=');
    if (ne.length === 2) return labels[ne[0].trim()] !== ne[1].trim();
    const eq = term.split(/==?/);
    if (eq.length === 2) return labels[eq[0].trim()] === eq[1].trim();
    return Object.hasOwn(labels, term.trim());
  });
}

function podObject(pod) {
  const ready = pod.ready ? 'True' : 'False';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels, uid: `uid-${pod.name}`, creationTimestamp: '2026-11-20T09:00:00Z' },
    spec: { containers: [{ name: 'app', image: 'example.com/storefront:1', ports: [{ containerPort: pod.port, protocol: 'TCP' }] }] },
    status: {
      phase: pod.phase,
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: ready },
        { type: 'ContainersReady', status: ready },
        { type: 'PodScheduled', status: 'True' },
      ],
      podIP: '10.0.0.1',
    },
  };
}

const [verb, ...rest] = args;
if (verb === 'get' && rest[0] === 'pods') {
  const selector = option(['-l', '--selector']);
  const output = option(['-o', '--output']);
  if (output !== 'json') fail('error: the contract fake only implements -o json');
  const items = context.pods.filter((p) => p.namespace === namespace && (selector === undefined || matches(selector, p.labels))).map(podObject);
  process.stdout.write(`${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`);
  process.exit(0);
}

if (verb === 'port-forward') {
  const [target, ports] = rest;
  const name = target.replace(/^pods?\//, '');
  const pod = context.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) fail(`Error from server (NotFound): pods "${name}" not found`);
  if (pod.phase !== 'Running') fail(`error: unable to forward port because pod is not running. Current status=${pod.phase}`);
  const [local, remote] = ports.split(':');
  const [host, port] = pod.target.split(':');
  const server = net.createServer((socket) => {
    process.stdout.write(`Handling connection for ${server.address().port}\n`);
    const upstream = net.connect(Number(port), host);
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', end);
    upstream.on('error', end);
  });
  server.listen(Number(local || 0), '127.0.0.1', () => {
    const bound = server.address().port;
    process.stdout.write(`Forwarding from 127.0.0.1:${bound} -> ${remote}\nForwarding from [::1]:${bound} -> ${remote}\n`);
  });
  return;
}

fail(`error: the contract fake does not implement: kubectl ${process.argv.slice(2).join(' ')}`);
