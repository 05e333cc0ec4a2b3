/**
 * The Actions variables the pipelines read: the example stack's own, on the blueprint's repository,
 * the deploy role's only inside the deployment environment.
 */
import { EXAMPLE_CONFIG, resource, runBaseline, type ProgramRun } from "../../support/baseline";

const T = {
  component: "soc2:github:DeploymentVariables",
  variable: "github:index/actionsVariable:ActionsVariable",
  environmentVariable: "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable",
  repository: "github:index/repository:Repository",
  environment: "github:index/repositoryEnvironment:RepositoryEnvironment",
};
const ACCOUNT = "111122223333";

let run: ProgramRun;
beforeAll(async () => {
  run = await runBaseline(EXAMPLE_CONFIG);
});

test("the component has exactly the five variables", () => {
  expect(run.error).toBeUndefined();
  const component = resource(run, T.component, "deployment");
  expect(
    run.resources.filter((r) => r.parent === component.urn).map((r) => `${r.type} ${r.name}`),
  ).toEqual([
    `${T.variable} deployment-stack`,
    `${T.variable} deployment-region`,
    `${T.variable} deployment-preview-role`,
    `${T.variable} deployment-ledger`,
    `${T.environmentVariable} deployment-deploy-role`,
  ]);
});

test("every job of the blueprint's repository learns the stack, region, preview role and ledger", () => {
  const repository = resource(run, T.repository, "soc2-pipeline-blueprint-repository");
  const expected: [string, string, string][] = [
    ["deployment-stack", "PULUMI_STACK", "test"],
    ["deployment-region", "AWS_REGION", "eu-west-1"],
    [
      "deployment-preview-role",
      "AWS_PREVIEW_ROLE_ARN",
      `arn:aws:iam::${ACCOUNT}:role/example-preview`,
    ],
  ];
  for (const [name, variableName, value] of expected) {
    const variable = resource(run, T.variable, name);
    expect(variable.inputs).toEqual({ repository: "soc2-pipeline-blueprint", variableName, value });
    expect(variable.propertyDependencies.repository).toEqual([repository.urn]);
  }
});

test("the deploy role's ARN is an environment variable of the protected deployment environment", () => {
  const variable = resource(run, T.environmentVariable, "deployment-deploy-role");
  expect(variable.inputs).toEqual({
    repository: "soc2-pipeline-blueprint",
    environment: "production",
    variableName: "AWS_DEPLOY_ROLE_ARN",
    value: `arn:aws:iam::${ACCOUNT}:role/example-deploy`,
  });
  const environment = resource(run, T.environment, "soc2-pipeline-blueprint-environment");
  expect(variable.propertyDependencies.environment).toEqual([environment.urn]);
});
