/**
 * JUnit XML for CI test tabs: one suite per view, one test case per policy; a case fails with the
 * mandatory violations it found, and lists advisories as output.
 */
import junitReports from "junit-report-builder";
import type { GateResult } from "../gate";
import { findingsOf } from "../findings";

const VIEW_NAMES = { first: "first preview", update: "update" } as const;

export function renderJunit(result: GateResult): string {
  const builder = junitReports.newBuilder();
  const findings = findingsOf(result);
  for (const { view } of result.views) {
    const suite = builder
      .testSuite()
      .name(`${result.project}/${result.stack}: ${VIEW_NAMES[view]}`);
    for (const policy of result.pack.policies) {
      const own = findings.filter((f) => f.policy === policy.name && f.views.includes(view));
      const testCase = suite
        .testCase()
        .className(`soc2.${policy.framework?.reference ?? "unmapped"}`)
        .name(policy.name);
      const lines = own.map(
        (f) => `${f.urn ? `${f.resourceType} ${f.resourceName}` : "stack"}: ${f.message}`,
      );
      const failed = own.filter((f) => f.level === "mandatory");
      if (failed.length > 0) {
        testCase.failure(
          `${failed.length} mandatory violation${failed.length === 1 ? "" : "s"}`,
          "policy",
        );
        testCase.standardError(lines.join("\n"));
      } else if (lines.length > 0) {
        testCase.standardOutput(lines.join("\n"));
      }
    }
  }
  return `${builder.build()}\n`;
}
