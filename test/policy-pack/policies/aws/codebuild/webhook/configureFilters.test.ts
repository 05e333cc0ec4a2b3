import { configureFilters } from "../../../../../../policy-pack/policies/aws/codebuild/webhook/configureFilters";
import { analyzeResource, rows, UNKNOWN, unknownRow } from "../../../../support/analyze";
import { R, webhookProps } from "../../../../support/runners";

const NAME = "aws-codebuild-webhook-configure-filters";

const QUEUED = { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" };
const REPO = { type: "REPOSITORY_NAME", pattern: "^example/app$" };

const check = async (changes: Record<string, unknown> = {}) =>
  rows(
    await analyzeResource([configureFilters], {
      type: R.webhook,
      name: "runner-small-webhook",
      props: webhookProps(changes),
    }),
  );
const withFilters = (...groups: object[][]) => ({
  filterGroups: groups.map((filters) => ({ filters })),
});
const violation = (text: string) => [NAME, "mandatory", "", text];

test("the organization runner webhook passes in a first preview, its project name unknown", async () => {
  expect(await check()).toEqual([]);
  expect(await check({ buildType: undefined })).toEqual([]);
});

test("a batch build type is reported", async () => {
  expect(await check({ buildType: "BUILD_BATCH" })).toEqual([
    violation('webhook starts builds of type "BUILD_BATCH", not "BUILD"'),
  ]);
});

test("a webhook without filter groups is reported", async () => {
  const text = "webhook has no filter groups, so it starts a build for every event";
  expect(await check({ filterGroups: undefined })).toEqual([violation(text)]);
  expect(await check({ filterGroups: [] })).toEqual([violation(text)]);
});

test("a group without the queued-job event filter is reported", async () => {
  expect(await check(withFilters([REPO]))).toEqual([
    violation("filterGroups[0] has no EVENT filter for WORKFLOW_JOB_QUEUED"),
  ]);
  expect(await check(withFilters([{ ...QUEUED, excludeMatchedPattern: true }, REPO]))).toEqual([
    violation("filterGroups[0] has no EVENT filter for WORKFLOW_JOB_QUEUED"),
    violation(
      'filterGroups[0] has EVENT filters other than WORKFLOW_JOB_QUEUED: "WORKFLOW_JOB_QUEUED"',
    ),
  ]);
});

test("other events are reported, also listed with the queued-job event", async () => {
  expect(await check(withFilters([QUEUED, { type: "EVENT", pattern: "PUSH" }, REPO]))).toEqual([
    violation('filterGroups[0] has EVENT filters other than WORKFLOW_JOB_QUEUED: "PUSH"'),
  ]);
  expect(
    await check(withFilters([{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED, PUSH" }, REPO])),
  ).toEqual([
    violation("filterGroups[0] has no EVENT filter for WORKFLOW_JOB_QUEUED"),
    violation(
      'filterGroups[0] has EVENT filters other than WORKFLOW_JOB_QUEUED: "WORKFLOW_JOB_QUEUED, PUSH"',
    ),
  ]);
});

test("a group without a repository filter naming repositories is reported", async () => {
  const text = "filterGroups[0] has no REPOSITORY_NAME filter naming the repositories";
  expect(await check(withFilters([QUEUED]))).toEqual([violation(text)]);
  expect(await check(withFilters([QUEUED, { ...REPO, pattern: ".*" }]))).toEqual([violation(text)]);
  expect(await check(withFilters([QUEUED, { ...REPO, excludeMatchedPattern: true }]))).toEqual([
    violation(text),
  ]);
});

test("a repository webhook, without a scope, needs no repository filter", async () => {
  expect(await check({ scopeConfiguration: undefined, ...withFilters([QUEUED]) })).toEqual([]);
  expect(
    await check({
      scopeConfiguration: undefined,
      ...withFilters([QUEUED, { ...QUEUED, pattern: "PUSH" }]),
    }),
  ).toEqual([
    violation('filterGroups[0] has EVENT filters other than WORKFLOW_JOB_QUEUED: "PUSH"'),
  ]);
});

test("an unknown scope still asks for the repository filter", async () => {
  expect(await check({ scopeConfiguration: UNKNOWN, ...withFilters([QUEUED]) })).toEqual([
    violation("filterGroups[0] has no REPOSITORY_NAME filter naming the repositories"),
  ]);
});

test("every group is judged on its own", async () => {
  expect(await check(withFilters([QUEUED, REPO], [QUEUED]))).toEqual([
    violation("filterGroups[1] has no REPOSITORY_NAME filter naming the repositories"),
  ]);
});

test("malformed filters are reported, not a crash", async () => {
  expect(await check({ filterGroups: "all" })).toEqual([
    violation("webhook has malformed filterGroups"),
  ]);
  expect(await check({ filterGroups: [{ filters: "all" }] })).toEqual([
    violation("filterGroups[0] has no EVENT filter for WORKFLOW_JOB_QUEUED"),
    violation("filterGroups[0] has no REPOSITORY_NAME filter naming the repositories"),
  ]);
});

test("an unknown repository pattern cannot pass: the SDK's advisory", async () => {
  expect(await check(withFilters([QUEUED, { ...REPO, pattern: UNKNOWN }], [QUEUED]))).toEqual([
    violation("filterGroups[1] has no REPOSITORY_NAME filter naming the repositories"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-codebuild-webhook-configure-filters' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .filterGroups.0.filters.1.pattern can't be known during preview",
    ],
  ]);
});

test("null filter groups are none; every other event is listed", async () => {
  expect(await check({ filterGroups: null })).toEqual([
    violation("webhook has no filter groups, so it starts a build for every event"),
  ]);
  const push = { type: "EVENT", pattern: "PUSH" };
  const created = { type: "EVENT", pattern: "PULL_REQUEST_CREATED" };
  expect(await check(withFilters([QUEUED, push, created, REPO]))).toEqual([
    violation(
      'filterGroups[0] has EVENT filters other than WORKFLOW_JOB_QUEUED: "PUSH", "PULL_REQUEST_CREATED"',
    ),
  ]);
});

test("a repository pattern that is not a string, or matches all once trimmed, names none", async () => {
  const text = "filterGroups[0] has no REPOSITORY_NAME filter naming the repositories";
  for (const pattern of [5, " .* "]) {
    expect(await check(withFilters([QUEUED, { ...REPO, pattern }]))).toEqual([violation(text)]);
  }
});

test("an unknown build type, group list, group or filter part: the SDK's advisory alone", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ buildType: UNKNOWN }, ".buildType"],
    [{ filterGroups: UNKNOWN }, ".filterGroups"],
    [{ filterGroups: [{ filters: UNKNOWN }] }, ".filterGroups.0.filters"],
    [withFilters([QUEUED, { ...REPO, type: UNKNOWN }]), ".filterGroups.0.filters.1.type"],
    [
      withFilters([{ ...QUEUED, excludeMatchedPattern: UNKNOWN }, REPO]),
      ".filterGroups.0.filters.0.excludeMatchedPattern",
    ],
  ];
  for (const [changes, path] of cases) {
    expect([path, await check(changes)]).toEqual([path, [unknownRow(NAME, path)]]);
  }
});

test("another event whose exclusion is unknown is not judged: the SDK's advisory alone", async () => {
  const push = { type: "EVENT", pattern: "PUSH", excludeMatchedPattern: UNKNOWN };
  expect(await check(withFilters([QUEUED, push, REPO]))).toEqual([
    unknownRow(NAME, ".filterGroups.0.filters.1.excludeMatchedPattern"),
  ]);
});
