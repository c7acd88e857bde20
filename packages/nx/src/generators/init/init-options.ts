// The plugin options init may write, checked by the inference's own option rules before they
// reach nx.json, so that a value the graph would refuse fails here, naming the option.
import { normalizeOptions } from '../../plugin/options';
import { GoPgoPluginError } from '../../plugin/plugin-error';
import { PLUGIN_PACKAGE } from '../package-info';
import { INIT_OPTION_KEYS, type InitPluginOptions } from '../plugin-registration';

export class InitOptionsError extends Error {
  override readonly name = 'InitOptionsError';
}

/** The plugin options among `schema`, checked. */
export function validatePluginOptions(schema: InitPluginOptions): InitPluginOptions {
  const options: Record<string, unknown> = {};
  for (const key of INIT_OPTION_KEYS) if (schema[key] !== undefined) options[key] = schema[key];
  try {
    normalizeOptions(options);
  } catch (error) {
    if (!(error instanceof GoPgoPluginError)) throw error;
    throw new InitOptionsError(`cannot register ${PLUGIN_PACKAGE} with these options: ${error.message}`, { cause: error });
  }
  return options as InitPluginOptions;
}
