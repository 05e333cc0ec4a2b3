/**
 * The whole example program: every role it creates carries the deployment boundary and is created
 * after it, so that the deploy role, which may create roles only with the boundary, can re-create
 * any of them.
 */
import { EXAMPLE_CONFIG, resource, runBaseline, type ProgramRun } from "../../support/baseline";

const ROLE = "aws:iam/role:Role";
const BOUNDARY_ARN = "arn:aws:iam::111122223333:policy/example-deployment-boundary";

let run: ProgramRun;
beforeAll(async () => {
  run = await runBaseline(EXAMPLE_CONFIG);
});

test("every role carries the deployment boundary and waits for it", () => {
  expect(run.error).toBeUndefined();
  const boundary = resource(run, "aws:iam/policy:Policy", "deployment-boundary");
  expect(boundary.inputs.name).toBe("example-deployment-boundary");
  const roles = run.resources.filter((r) => r.type === ROLE);
  expect(roles.map((r) => r.name).sort()).toEqual([
    "audit-trail-role",
    "ci-runners-role",
    "deployment-deploy-role",
    "deployment-preview-role",
  ]);
  for (const role of roles) {
    expect([role.name, role.inputs.permissionsBoundary]).toEqual([role.name, BOUNDARY_ARN]);
    const waits = [...role.dependencies, ...(role.propertyDependencies.permissionsBoundary ?? [])];
    expect([role.name, waits.includes(boundary.urn)]).toEqual([role.name, true]);
  }
});
