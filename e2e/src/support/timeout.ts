// Jest reads a project's testTimeout only when that project runs alone; set it here so that
// the root multi-project run (`npm test`, `--selectProjects e2e`) gets it too.
jest.setTimeout(600_000);
