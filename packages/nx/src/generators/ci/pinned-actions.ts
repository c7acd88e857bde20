// The GitHub Actions the generated workflow uses, each pinned to the full commit SHA of a
// release (a tag can be moved; a commit cannot), with the release in a comment as Nx and
// GitHub recommend. The one place to bump them.
//
// Provenance: GitHub cannot be reached from where this was written, so every SHA was taken from
// public workflows pinning it with the same version comment, and cross-checked against at least
// one other independent source: another repository's pin, or a GitHub runner log
// ("Download action repository '<action>@<tag>' (SHA:<sha>)"), where GitHub itself resolved the
// tag. "file #<n>" is the id of a public file in the code index these were searched in.

export interface PinnedAction {
  /** owner/repo */
  action: string;
  /** The release the commit is, as the comment names it. */
  version: string;
  /** 40 hex digits. */
  sha: string;
  /** Where the SHA was seen, and what cross-checks it. */
  provenance: string;
}

export const PINNED_ACTIONS = {
  checkout: {
    action: 'actions/checkout',
    version: 'v5.0.0',
    sha: '08c6903cd8c0fde910a37f88322edcfb5dd907a8',
    provenance:
      'nrwl/nx .github/workflows/ci.yml at 84b0827aa778dd70efb395445309437a268535f3 (`# v5.0.0`); the same SHA with `# v5.0.0` in other public workflows and docs (files #29062750266, #58273193690, #68919241311, #54492294545)',
  },
  setupNode: {
    action: 'actions/setup-node',
    version: 'v5.0.0',
    sha: 'a0853c24544627f65ddf259abe73b1d18a591444',
    provenance:
      "nrwl/nx .github/workflows/ci.yml at 84b0827aa778dd70efb395445309437a268535f3 (`# v5.0.0`); `# v5.0.0` pins in files #55084529412 and #12801033163; GitHub runner logs of September 2025 resolving 'actions/setup-node@v5' to it (files #35581399281, #35711877537)",
  },
  setupGo: {
    action: 'actions/setup-go',
    version: 'v6.0.0',
    sha: '44694675825211faa026b3c33043df3e48a5fa00',
    provenance:
      'pinned with `# v6.0.0` in independent public workflows and docs (files #23132658124: a `go-version-file` workflow; #61720211524; #39859808679; #60302732970: a CI check grepping for the pin)',
  },
  cache: {
    action: 'actions/cache',
    version: 'v4.2.4',
    sha: '0400d5f644dc74513175e3cd8d07132dd4860809',
    provenance:
      "nrwl/nx .github/workflows/ci.yml at 84b0827aa778dd70efb395445309437a268535f3 (`# v4.2.4`); `# v4.2.4` pins in files #70266101061, #57080630404, #15571799527; GitHub runner logs resolving 'actions/cache@v4' to it (files #25967972210, #35312833572)",
  },
  uploadArtifact: {
    action: 'actions/upload-artifact',
    version: 'v5.0.0',
    sha: '330a01c490aca151604b8cf639adc76d48f6c5d4',
    provenance:
      "pinned with `# v5.0.0` in independent public workflows (files #44584031151, #52532056337, #31261383124) and listed as v5.0.0 in a pin table (file #59097215106); a GitHub runner log of November 2025 resolving 'actions/upload-artifact@v5' to it (file #25831373716)",
  },
  nxSetShas: {
    action: 'nrwl/nx-set-shas',
    version: 'v5.0.1',
    sha: 'afb73a62d26e41464e9254689e1fd6122ee683c1',
    provenance:
      "pinned with `# v5.0.1` in public workflows and action docs (files #58649443162, #62562719877, #63300270844), noted as the v5.0.1 annotated tag dereferenced to its commit (file #60355018323); a GitHub runner log resolving 'nrwl/nx-set-shas@v5' to it (file #62588149863)",
  },
} as const satisfies Record<string, PinnedAction>;

export type PinnedActionKey = keyof typeof PINNED_ACTIONS;

/** The `uses:` value with its version comment: `actions/checkout@<sha> # v5.0.0`. */
export function uses(key: PinnedActionKey): string {
  const pin = PINNED_ACTIONS[key];
  return `${pin.action}@${pin.sha} # ${pin.version}`;
}
