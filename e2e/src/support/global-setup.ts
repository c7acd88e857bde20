// Jest globalSetup of the e2e project: one build, pack and install per run, shared by every
// test file (each copies the template into its own fresh workspace). What it sets in
// process.env reaches the test workers, which start after it.
import { pinGoEnvironment } from './env';
import { prepareTemplate, publishTemplate } from './packages';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  await pinGoEnvironment();
  const template = await prepareTemplate();
  publishTemplate(template);
  process.stderr.write(`\ne2e: nx@${template.nxVersion} + @go-pgo tarballs ready in ${Date.now() - started} ms (${template.dir})\n`);
}
