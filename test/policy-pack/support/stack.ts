/**
 * A stack's resources exactly as a stack policy receives them — through AnalyzeStack, with their
 * properties behind the SDK's unknown-checking proxy — for testing the helpers policies share.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { analyzeStack, type Fixture } from "./analyze";

export async function resourcesOf(fixtures: readonly Fixture[]): Promise<PolicyResource[]> {
  let resources: PolicyResource[] = [];
  const capture: StackValidationPolicy = {
    name: "test-capture-resources",
    description: "Keeps the resources it is given.",
    enforcementLevel: "advisory",
    validateStack: (args) => {
      resources = args.resources;
    },
  };
  await analyzeStack([capture], fixtures);
  return resources;
}
