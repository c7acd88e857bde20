// @go-pgo/nx: the Nx plugin. This entry is the inference plugin that nx.json registers;
// executors and generators are found through executors.json and generators.json.
export { createNodes, createNodesV2 } from './plugin/create-nodes';
export { createDependencies } from './plugin/create-dependencies';
export type { GoPgoPluginOptions } from './plugin/options';
