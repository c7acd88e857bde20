// The storefront's pgo.yaml for this run. The instances listen on ports chosen when they start,
// so their URLs are written into the scratch workspace's copy, never into examples/.
import type { DemoMode } from './demo-options';

export const STOREFRONT_DIR = 'services/cmd/storefront';
export const STOREFRONT_PROFILE = `${STOREFRONT_DIR}/default.pgo`;

export function storefrontPgoYaml(urls: readonly string[], mode: DemoMode): string {
  return [
    `# Written by npm run demo (${mode.name} mode): ${urls.length} local storefronts under load.`,
    'profile: default.pgo',
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
