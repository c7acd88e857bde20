// The storefront's pgo.yaml for a demo capture: its committed settings (the loadtest section)
// with the capture sources of this run appended. The instances listen on ports chosen when they
// start, so their URLs go into the scratch workspace's copy, never into examples/.
import type { DemoMode } from './demo-options';

export const STOREFRONT_DIR = 'services/cmd/storefront';
export const STOREFRONT_PROFILE = `${STOREFRONT_DIR}/default.pgo`;
export const STOREFRONT_PGO_YAML = `${STOREFRONT_DIR}/pgo.yaml`;

export function storefrontPgoYaml(committed: string, urls: readonly string[], mode: DemoMode): string {
  return [
    committed.trimEnd(),
    `# Added by npm run demo (${mode.name} mode): ${urls.length} local storefronts under load.`,
    'capture:',
    `  seconds: ${mode.captureSeconds}`,
    '  sources:',
    `    - http: { name: local, urls: [${urls.join(', ')}] }`,
    'validate:',
    `  # ${urls.length} instances × ${mode.captureSeconds} s of a two-core machine.`,
    `  minSamples: ${mode.minSamples}`,
    `  minBytes: ${mode.minBytes}`,
    '',
  ].join('\n');
}
