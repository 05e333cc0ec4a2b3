import { disallowPrivilegedMode } from "../../../../../../policy-pack/policies/aws/codebuild/project/disallowPrivilegedMode";
import { analyzeResource, rows, UNKNOWN } from "../../../../support/analyze";
import { defined, projectProps, R } from "../../../../support/runners";

const NAME = "aws-codebuild-project-disallow-privileged-mode";

const check = async (environment: Record<string, unknown>) =>
  rows(
    await analyzeResource([disallowPrivilegedMode], {
      type: R.project,
      name: "runner-small",
      props: projectProps({
        environment: defined({
          type: "LINUX_CONTAINER",
          computeType: "BUILD_GENERAL1_SMALL",
          image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
          privilegedMode: false,
          ...environment,
        }),
      }),
    }),
  );

test("the runner project passes in a first preview, privilegedMode false or unset", async () => {
  expect(await check({})).toEqual([]);
  expect(await check({ privilegedMode: undefined })).toEqual([]);
});

test("privileged mode is reported", async () => {
  expect(await check({ privilegedMode: true })).toEqual([
    [NAME, "mandatory", "", "build environment runs in privileged mode"],
  ]);
});

test("a malformed privilegedMode is reported", async () => {
  expect(await check({ privilegedMode: "true" })).toEqual([
    [NAME, "mandatory", "", 'build environment has privilegedMode "true", not a boolean'],
  ]);
});

test("an unknown privilegedMode cannot pass: the SDK's advisory", async () => {
  expect(await check({ privilegedMode: UNKNOWN })).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-codebuild-project-disallow-privileged-mode' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .environment.privilegedMode can't be known during preview",
    ],
  ]);
});

test("other resource types are not judged", async () => {
  expect(
    await analyzeResource([disallowPrivilegedMode], {
      type: R.webhook,
      name: "hook",
      props: { environment: { privilegedMode: true } },
    }),
  ).toEqual([]);
});

test("a privilegedMode left null is off", async () => {
  expect(await check({ privilegedMode: null })).toEqual([]);
});
