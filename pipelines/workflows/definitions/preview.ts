/**
 * A pull request from a branch of this repository — never a fork's, whose code must not get
 * credentials — previewed against the real stack: `pulumi preview --policy-pack policy-pack` with
 * the read-only preview role (its trust admits this repository's pull_request subject only), the
 * result commented on the pull request. Not a required check: a fork's pull request has none.
 */
import { assumeRole, checkout, install, pulumi, RUNNER, VARS, type Workflow } from "../model";

export const preview: Workflow = {
  name: "Preview",
  on: { pull_request: { branches: ["main"] } },
  permissions: {},
  concurrency: {
    group: "preview-${{ github.event.pull_request.number }}",
    "cancel-in-progress": true,
  },
  jobs: {
    preview: {
      name: "preview",
      "runs-on": RUNNER,
      if: "github.event.pull_request.head.repo.full_name == github.repository",
      permissions: { contents: "read", "id-token": "write", "pull-requests": "write" },
      "timeout-minutes": 30,
      steps: [
        checkout(),
        ...install(),
        assumeRole(VARS.previewRole),
        pulumi("preview", { "comment-on-pr": true, "edit-pr-comment": true }),
      ],
    },
  },
};
