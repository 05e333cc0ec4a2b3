/**
 * Lists the AWS resource types that take `tags`, from the installed @pulumi/aws SDK, for the policy
 * aws-any-missing-required-tags: a resource is taggable when its `…Args` interface declares
 * `tags?:`. `npm run docs` rewrites the committed list after an SDK upgrade; a test fails while it
 * is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ROOT } from "../root";

export const AWS_SDK = path.join(ROOT, "node_modules", "@pulumi", "aws");
export const OUTPUT = path.join(ROOT, "policy-pack/policies/aws/any/taggableTypes.json");

const TYPE_TOKEN = /__pulumiType = '(aws:[^']+)'/;

/** Whether the `<className>Args` interface of a resource's declarations has a `tags` property. */
function argsHaveTags(declarations: string, className: string): boolean {
  const start = declarations.indexOf(`export interface ${className}Args {`);
  if (start < 0) return false;
  const end = declarations.indexOf("\n}", start);
  return /^ {4}tags\?:/m.test(declarations.slice(start, end < 0 ? undefined : end));
}

/** The sorted type tokens of every taggable resource of the SDK at `sdkRoot`. */
export function taggableTypes(sdkRoot: string = AWS_SDK): string[] {
  const types: string[] = [];
  for (const file of readdirSync(sdkRoot, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".js") || file.split(path.sep).includes("node_modules")) continue;
    const token = TYPE_TOKEN.exec(readFileSync(path.join(sdkRoot, file), "utf8"))?.[1];
    if (!token) continue;
    const declarations = readFileSync(path.join(sdkRoot, file.replace(/\.js$/, ".d.ts")), "utf8");
    if (argsHaveTags(declarations, token.split(":")[2])) types.push(token);
  }
  return types.sort();
}

/** The JSON file as committed: one type per line. */
export function renderTaggableTypes(types: readonly string[]): string {
  return `${JSON.stringify(types, null, 2)}\n`;
}

if (require.main === module) {
  const types = taggableTypes();
  writeFileSync(OUTPUT, renderTaggableTypes(types));
  console.log(`wrote ${types.length} taggable AWS resource types to ${OUTPUT}`);
}
