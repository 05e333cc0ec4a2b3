/**
 * A synthetic organization for the scale bench and its regression test: the example stack's config
 * with N managed repositories instead of two, mixed as a real org's are — mostly adopted
 * organization repositories, some created by the stack, a few personal repositories of five
 * developers (each its own GitHub provider), some with their own reviewers and code owners.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { ROOT } from "../root";

const EXAMPLE_STACK = path.join(ROOT, "Pulumi.example.yaml");

/** The developers whose personal repositories the org also protects. */
const DEVELOPERS = 5;

/** Repository i (1-based) of the synthetic org, as its `repositories` entry. */
export function syntheticRepository(i: number): Record<string, unknown> {
  const name = `service-${String(i).padStart(4, "0")}`;
  if (i % 50 === 0) {
    const developer = (i / 50) % DEVELOPERS;
    return {
      name,
      owner: `developer-${developer}`,
      ownerType: "user",
      environmentReviewers: { teams: [], users: [5_000_000 + developer] },
      codeOwners: [`@developer-${developer}`],
    };
  }
  if (i % 20 === 0) return { name, create: true };
  if (i % 7 === 0) {
    return {
      name,
      environmentReviewers: { teams: [4_242_000 + (i % 13)], users: [] },
      codeOwners: [`@example-org/team-${i % 13}`],
    };
  }
  return { name };
}

/** The stack file (YAML) of a synthetic org with `repositories` managed repositories. */
export function syntheticOrgStack(repositories: number): string {
  const doc = parseDocument(readFileSync(EXAMPLE_STACK, "utf8"));
  const entries = Array.from({ length: repositories }, (_, i) => syntheticRepository(i + 1));
  // One repository a line.
  const list = doc.createNode(entries) as YAMLSeq<YAMLMap>;
  for (const entry of list.items) entry.flow = true;
  doc.setIn(["config", "soc2-baseline:repositories"], list);
  // Its own header replaces the example stack's.
  (doc.contents as YAMLMap<Scalar>).items[0].key.commentBefore = null;
  doc.commentBefore = ` A synthetic organization with ${repositories} managed repositories (pipelines/bench/syntheticOrg.ts).`;
  return doc.toString({ lineWidth: 0 });
}
