import { missingCodeowners } from "../../../../../policy-pack/policies/github/repository/missingCodeowners";
import { analyzeStack, type Fixture, rows, UNKNOWN, unknownRow } from "../../../support/analyze";
import { codeowners, repository } from "../../../support/github";

const NAME = "github-repository-missing-codeowners";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([missingCodeowners], fixtures, config));
const violation = (repo: string, text: string) => [NAME, "mandatory", repo, text];
const requiring = (...requiredPaths: string[]) => ({ [NAME]: { requiredPaths } });

test("each repository with its CODEOWNERS file passes in a first preview", async () => {
  const fixtures = [repository("app"), codeowners("app"), repository("infra"), codeowners("infra")];
  expect(await check(fixtures)).toEqual([]);
  expect(await check(fixtures, requiring("*", "/infra/"))).toEqual([]);
});

test("every path GitHub reads CODEOWNERS from counts", async () => {
  for (const file of ["CODEOWNERS", "docs/CODEOWNERS"]) {
    expect(await check([repository("app"), codeowners("app", { file })])).toEqual([]);
  }
});

test("a repository without a CODEOWNERS file is reported by name", async () => {
  expect(await check([repository("app"), codeowners("app"), repository("data")])).toEqual([
    violation("data", "Repository data has no CODEOWNERS file"),
  ]);
  expect(await check([repository("app"), codeowners("app", { file: "README.md" })])).toEqual([
    violation("app", "Repository app has no CODEOWNERS file"),
  ]);
});

test("a file naming the repository by its known name counts", async () => {
  const byName = { ...codeowners("app", { repository: "app" }), deps: undefined };
  expect(await check([repository("app"), byName])).toEqual([]);
});

test("required paths without an owner line are reported", async () => {
  const content = "# /infra/ @example/platform\n* @example/platform\n";
  expect(
    await check([repository("app"), codeowners("app", { content })], requiring("/infra/", "*")),
  ).toEqual([
    violation(
      "app",
      "Repository app has no CODEOWNERS file that owns every required path: " +
        'RepositoryFile app-codeowners has no line for "/infra/"',
    ),
  ]);
});

test("a malformed file content owns nothing", async () => {
  expect(
    await check([repository("app"), codeowners("app", { content: 42 })], requiring("*")),
  ).toEqual([
    violation(
      "app",
      "Repository app has no CODEOWNERS file that owns every required path: " +
        'RepositoryFile app-codeowners has no line for "*"',
    ),
  ]);
});

test("an unknown file content is not read unless paths are required", async () => {
  const fixtures = [repository("app"), codeowners("app", { content: UNKNOWN })];
  expect(await check(fixtures)).toEqual([]);
  expect(await check([...fixtures, repository("data")], requiring("/infra/"))).toEqual([
    violation("data", "Repository data has no CODEOWNERS file"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-repository-missing-codeowners' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .content can't be known during preview",
    ],
  ]);
});

test("stacks of other projects are not judged", async () => {
  expect(await check([repository("app")], { [NAME]: { baselineProjects: ["other"] } })).toEqual([]);
});

test("an indented owner line owns its path", async () => {
  const content = "  /infra/ @example/platform\n\t* @example/platform\n";
  expect(
    await check([repository("app"), codeowners("app", { content })], requiring("/infra/", "*")),
  ).toEqual([]);
});

test("every path each file lacks is named", async () => {
  const docs = {
    ...codeowners("app", { file: "docs/CODEOWNERS", content: "/infra/ @example/platform\n" }),
    name: "app-docs-codeowners",
  };
  const fixtures = [
    repository("app"),
    codeowners("app", { content: "* @example/platform\n" }),
    docs,
  ];
  expect(await check(fixtures, requiring("/infra/", "/docs/"))).toEqual([
    violation(
      "app",
      "Repository app has no CODEOWNERS file that owns every required path: " +
        'RepositoryFile app-codeowners has no line for "/infra/", "/docs/"; ' +
        'RepositoryFile app-docs-codeowners has no line for "/docs/"',
    ),
  ]);
});

test("a file whose path is not known yet cannot count: the SDK's advisory", async () => {
  expect(await check([repository("app"), codeowners("app", { file: UNKNOWN })])).toEqual([
    unknownRow(NAME, ".file"),
  ]);
});

test("an owner line ending in # still owns its path; a line starting with # does not", async () => {
  const content = "/infra/ @example/platform #\n#/docs/ @example/platform\n";
  expect(
    await check(
      [repository("app"), codeowners("app", { content })],
      requiring("/infra/", "/docs/"),
    ),
  ).toEqual([
    violation(
      "app",
      "Repository app has no CODEOWNERS file that owns every required path: " +
        'RepositoryFile app-codeowners has no line for "/docs/"',
    ),
  ]);
});
