// Reads plugin hook times from what Nx prints with NX_PERF_LOGGING=true (on stderr, or in the
// daemon's log): `Time taken for '<plugin name>:createNodes' 12.3ms`, once per call.
export type Hook = 'createNodes' | 'createDependencies';

/** Total ms of `hook` over the plugins whose name contains pluginName; undefined if none ran. */
export function hookMs(output: string, pluginName: string, hook: Hook): number | undefined {
  let total: number | undefined;
  for (const [, name, ms] of output.matchAll(new RegExp(`Time taken for '(.+?):${hook}' ([\\d.]+)ms`, 'g'))) {
    if (name!.includes(pluginName)) total = (total ?? 0) + Number(ms);
  }
  return total;
}

/** createNodes ms of the plugins whose name contains pluginName (tools/bench/inputs reports it). */
export function createNodesMs(output: string, pluginName: string): number | undefined {
  return hookMs(output, pluginName, 'createNodes');
}
