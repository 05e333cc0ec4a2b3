/**
 * Writes .github/workflows/*.yml from the definitions in pipelines/workflows/definitions/: the one
 * source of the workflows. `npm run docs` runs it; a test fails when the committed YAML is stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { ACTIONS } from "./actions";
import { deploy } from "./definitions/deploy";
import { drift } from "./definitions/drift";
import { evidence } from "./definitions/evidence";
import { preview } from "./definitions/preview";
import { pullRequest } from "./definitions/pullRequest";
import { rollback } from "./definitions/rollback";
import type { Workflow } from "./model";
import { ROOT } from "../root";

export const WORKFLOWS_DIR = path.join(ROOT, ".github", "workflows");

/** Each workflow file, with the definition it is generated from. */
export const WORKFLOWS: Record<string, { workflow: Workflow; source: string }> = {
  "pull-request.yml": { workflow: pullRequest, source: "pullRequest.ts" },
  "preview.yml": { workflow: preview, source: "preview.ts" },
  "deploy.yml": { workflow: deploy, source: "deploy.ts" },
  "rollback.yml": { workflow: rollback, source: "rollback.ts" },
  "drift.yml": { workflow: drift, source: "drift.ts" },
  "evidence.yml": { workflow: evidence, source: "evidence.ts" },
};

const VERSIONS = new Map(Object.values(ACTIONS).map((a) => [a.uses, a.version]));

/** The YAML of one workflow: a header naming its source, and each pinned action's version. */
export function renderWorkflow(file: string): string {
  const { workflow, source } = WORKFLOWS[file];
  const yaml = stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false }).replace(
    /^(\s*(?:- )?uses: )(\S+)$/gm,
    (line, _prefix: string, uses: string) => {
      const version = VERSIONS.get(uses);
      if (!version) throw new Error(`${file}: ${uses} is not a pinned action of actions.ts`);
      return `${line} # ${version}`;
    },
  );
  return (
    `# Generated from pipelines/workflows/definitions/${source} by \`npm run docs\`; ` +
    "edit that file, not this one.\n" +
    yaml
  );
}

if (require.main === module) {
  mkdirSync(WORKFLOWS_DIR, { recursive: true });
  for (const file of Object.keys(WORKFLOWS)) {
    writeFileSync(path.join(WORKFLOWS_DIR, file), renderWorkflow(file));
  }
  console.log(`wrote ${Object.keys(WORKFLOWS).length} workflows to ${WORKFLOWS_DIR}`);
}
