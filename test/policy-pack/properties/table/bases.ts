/**
 * The compliant cases the property tests start from, built from the per-policy tests' fixtures:
 * the audit archive, the audit trail with its log group, the example stack's deployment identity,
 * a CI runner, EC2 compute and a managed GitHub repository — all as a first preview registers them.
 */
import type { Fixture } from "../../support/analyze";
import { UNKNOWN } from "../../support/analyze";
import { archive } from "../../support/archive";
import { auditTrailStack } from "../../support/auditFixtures";
import {
  codeowners,
  repository,
  repositoryRuleset,
  vulnerabilityAlerts,
} from "../../support/github";
import { exampleStack } from "../../support/identity";
import { R, runner } from "../../support/runners";
import type { Case } from "../edit";

export const archiveStack = (): Case => ({ fixtures: archive() });
export const identityStack = (): Case => ({ fixtures: exampleStack() });
export const runnerStack = (): Case => ({ fixtures: runner() });

/** The audit trail, writing to a locked bucket and to its encrypted log group. */
export const trailStack = (): Case => ({ fixtures: auditTrailStack() });

/** An instance and a launch template: private, encrypted, IMDSv2 only. */
export const computeStack = (): Case => ({
  fixtures: [
    {
      type: R.instance,
      name: "bastion",
      props: {
        ami: "ami-0abcdef1234567890",
        instanceType: "t3.micro",
        subnetId: UNKNOWN,
        associatePublicIpAddress: false,
        rootBlockDevice: { volumeSize: 20, volumeType: "gp3", encrypted: true, kmsKeyId: UNKNOWN },
        ebsBlockDevices: [
          { deviceName: "/dev/xvdb", volumeSize: 100, encrypted: true, kmsKeyId: UNKNOWN },
        ],
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
      },
    },
    {
      type: R.launchTemplate,
      name: "workers",
      props: {
        imageId: "ami-0abcdef1234567890",
        networkInterfaces: [
          { deviceIndex: 0, subnetId: UNKNOWN, associatePublicIpAddress: "false" },
        ],
        blockDeviceMappings: [
          {
            deviceName: "/dev/xvda",
            ebs: { volumeSize: 20, encrypted: "true", kmsKeyId: UNKNOWN },
          },
        ],
        metadataOptions: { httpTokens: "required" },
      },
    },
  ],
});

/** A repository with its protecting ruleset, CODEOWNERS file and vulnerability alerts. */
export const repositoryStack = (): Case => ({
  fixtures: [
    repository("app"),
    repositoryRuleset("app"),
    codeowners("app"),
    vulnerabilityAlerts("app"),
  ],
});

/** `base` with only the fixtures named: a resource policy judges each resource alone. */
export const only =
  (base: () => Case, ...names: string[]) =>
  (): Case => {
    const c = base();
    return { ...c, fixtures: c.fixtures.filter((f) => names.includes(f.name)) };
  };

/**
 * Irrelevant paths for `base`: every fixture's props (`*`) but those listed, which get the given
 * paths instead (none when the list is empty).
 */
export function everywhereBut(
  base: () => Case,
  listed: Record<string, string[]>,
): Record<string, string[]> {
  const names = base().fixtures.map((f: Fixture) => f.name);
  for (const name of Object.keys(listed)) {
    if (!names.includes(name)) throw new Error(`no fixture ${name} in the base`);
  }
  return Object.fromEntries(names.map((name) => [name, listed[name] ?? ["*"]]));
}
