import { disallowUnboundedAdmin } from "../../../../../../policy-pack/policies/aws/iam/role/disallowUnboundedAdmin";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { BOUNDARY_POLICY, deploymentIdentity, exampleStack, I } from "../../../../support/identity";

const NAME = "aws-iam-role-disallow-unbounded-admin";

const check = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([disallowUnboundedAdmin], fixtures));
const violation = (text: string) => [
  NAME,
  "mandatory",
  "deployment-deploy-role",
  "Role deployment-deploy-role has no permissions boundary but may be granted every action on " +
    `every resource: ${text}`,
];
const unbounded = { permissionsBoundary: undefined };
const granting = (Action: unknown, Resource: unknown = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });
const attachment = (policyArn: unknown, deps?: Record<string, string[]>): Fixture => ({
  type: I.attachment,
  name: "deploy-admin",
  props: { role: UNKNOWN, policyArn },
  deps: { role: ["deployment-deploy-role"], ...deps },
});

test('the example stack passes: the boundary\'s own "*" on "*" is not a role\'s grant', async () => {
  expect(await check(exampleStack())).toEqual([]);
  expect(await check(deploymentIdentity({ boundaryPolicy: BOUNDARY_POLICY }))).toEqual([]);
});

test("a role granting itself many services without a boundary is not an administrator", async () => {
  expect(await check(deploymentIdentity({ deployRole: unbounded }))).toEqual([]);
});

test('"*" or "*:*" on "*" without a boundary is reported', async () => {
  for (const action of ["*", "*:*", ["s3:GetObject", "*"]]) {
    expect(
      await check(deploymentIdentity({ deployRole: unbounded, deployPolicy: granting(action) })),
    ).toEqual([violation('RolePolicy deployment-deploy-baseline allows "*" on "*"')]);
  }
});

test('"*" on some resources, or with a boundary, passes', async () => {
  const scoped = granting("*", "arn:aws:s3:::example-bucket/*");
  expect(await check(deploymentIdentity({ deployRole: unbounded, deployPolicy: scoped }))).toEqual(
    [],
  );
  expect(await check(deploymentIdentity({ deployPolicy: granting("*") }))).toEqual([]);
});

test("AdministratorAccess and managed policies from outside the stack are reported", async () => {
  const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
  expect(
    await check([...deploymentIdentity({ deployRole: unbounded }), attachment(admin)]),
  ).toEqual([violation(`RolePolicyAttachment deploy-admin attaches ${admin}`)]);
  const shared = "arn:aws:iam::111122223333:policy/shared-admin";
  expect(
    await check([...deploymentIdentity({ deployRole: unbounded }), attachment(shared)]),
  ).toEqual([
    violation(`RolePolicyAttachment deploy-admin attaches ${shared}, which is not in this stack`),
  ]);
  const powerUser = "arn:aws:iam::aws:policy/PowerUserAccess";
  expect(
    await check([...deploymentIdentity({ deployRole: unbounded }), attachment(powerUser)]),
  ).toEqual([]);
});

test("the boundary policy attached as an identity policy is judged as one", async () => {
  const fixtures = [
    ...deploymentIdentity({ deployRole: unbounded, boundaryPolicy: BOUNDARY_POLICY }),
    attachment(UNKNOWN, { policyArn: ["deployment-boundary"] }),
  ];
  expect(await check(fixtures)).toEqual([
    violation('RolePolicyAttachment deploy-admin (Policy deployment-boundary) allows "*" on "*"'),
  ]);
});

test("an unreadable document is reported", async () => {
  expect(await check(deploymentIdentity({ deployRole: unbounded, deployPolicy: "{oops" }))).toEqual(
    [violation("RolePolicy deployment-deploy-baseline is unreadable")],
  );
});

test("unknown values cannot pass: the SDK's advisory", async () => {
  expect(await check(deploymentIdentity({ deployRole: unbounded, deployPolicy: UNKNOWN }))).toEqual(
    [
      [
        NAME,
        "advisory",
        "",
        `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .policy can't be known during preview`,
      ],
    ],
  );
  expect(
    await check(
      deploymentIdentity({
        deployRole: { permissionsBoundary: UNKNOWN },
        deployPolicy: granting("*"),
      }),
    ),
  ).toEqual([]);
});

test("every grant of every action on every resource is listed", async () => {
  const fixtures = [
    ...deploymentIdentity({ deployRole: unbounded, deployPolicy: granting("*") }),
    attachment("arn:aws:iam::aws:policy/AdministratorAccess"),
  ];
  expect(await check(fixtures)).toEqual([
    violation(
      'RolePolicy deployment-deploy-baseline allows "*" on "*"; ' +
        "RolePolicyAttachment deploy-admin attaches arn:aws:iam::aws:policy/AdministratorAccess",
    ),
  ]);
});
