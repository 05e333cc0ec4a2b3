/** Resources as the gate describes them to a pack, for tests that speak to one. */
import type { AnalyzedResource } from "../../pipelines/gate/analyzerMessages";

/**
 * The resource a URN names (`urn:pulumi:<stack>::<project>::<type>::<name>`), at the top of the
 * stack, unprotected, depending on what its property dependencies name.
 */
export function analyzed(
  urn: string,
  properties: Record<string, unknown> = {},
  propertyDependencies: Record<string, string[]> = {},
): AnalyzedResource {
  const [, , type, name] = urn.split("::");
  return {
    urn,
    type,
    name,
    properties,
    protect: false,
    ignoreChanges: [],
    parent: "",
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
  };
}
