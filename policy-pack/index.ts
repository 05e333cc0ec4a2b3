/**
 * The SOC 2 policy pack. This is the only file that constructs `PolicyPack`: constructing it starts
 * the analyzer's gRPC server. Tests import policies from `policies/`, never this file.
 */
import "./lib/lazySdkModules";
import "./lib/decodeOnce";
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("soc2-baseline", {
  description:
    "SOC 2 controls for the org baseline and any stack that adopts them: blocks previews, updates and rollbacks that weaken them.",
  displayName: "SOC 2 compliant pipeline baseline",
  provider: "aws",
  tags: ["soc2", "aws", "github"],
  policies,
});
