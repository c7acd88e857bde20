// Reads a plugin's createNodes time from what Nx prints with NX_PERF_LOGGING=true:
// `Time taken for '<plugin name>:createNodes' 12.3ms`, once per createNodes call.
const CREATE_NODES_LINE = /Time taken for '(.+?):createNodes' ([\d.]+)ms/g;

/** Total createNodes ms of the plugins whose name contains pluginName; undefined if none ran. */
export function createNodesMs(output: string, pluginName: string): number | undefined {
  let total: number | undefined;
  for (const [, name, ms] of output.matchAll(CREATE_NODES_LINE)) {
    if (name!.includes(pluginName)) total = (total ?? 0) + Number(ms);
  }
  return total;
}
