/**
 * Every third-party action the workflows use, pinned to a full commit SHA (SOC 2 CC6.8, CC8.1):
 * a tag can be moved to other code, a commit cannot. The version is what the SHA was released as;
 * the generated YAML carries it as a comment after each `uses:`. To upgrade, replace both here and
 * run `npm run docs`.
 */
export interface PinnedAction {
  uses: string;
  version: string;
}

const pin = (action: string, sha: string, version: string): PinnedAction => ({
  uses: `${action}@${sha}`,
  version,
});

export const ACTIONS = {
  checkout: pin("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
  setupNode: pin("actions/setup-node", "49933ea5288caeca8642d1e84afbd3f7d6820020", "v4.4.0"),
  uploadArtifact: pin(
    "actions/upload-artifact",
    "ea165f8d65b6e75b540449e92b4886f43607fa02",
    "v4.6.2",
  ),
  uploadSarif: pin(
    "github/codeql-action/upload-sarif",
    "fca7ace96b7d713c7035871441bd52efbe39e27e",
    "v3.28.19",
  ),
  configureAwsCredentials: pin(
    "aws-actions/configure-aws-credentials",
    "e3dd6a429d7300a6a4c196c26e071d42e0343502",
    "v4.0.2",
  ),
  pulumi: pin("pulumi/actions", "8e5e406f4007fca908480587cb9893c07090f58d", "v7.0.0"),
} satisfies Record<string, PinnedAction>;
