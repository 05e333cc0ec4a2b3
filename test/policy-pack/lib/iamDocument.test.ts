/**
 * IAM policy documents as policies receive them — a JSON string or an object, single values or
 * lists — read into statements, and IAM's action wildcards.
 */
import { actionMatches, statementsOf } from "../../../policy-pack/lib/iamDocument";

const statement = {
  Sid: "Read",
  Effect: "Allow",
  Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"], Federated: "cognito" },
  Action: "s3:GetObject",
  NotAction: ["s3:PutObject", 7],
  Resource: ["arn:aws:s3:::logs/*"],
  Condition: {
    StringEquals: { "aws:SourceAccount": "111122223333" },
    Bool: "malformed",
    Null: null,
  },
};

test("a document's statements, normalized to lists", () => {
  const expected = [
    {
      sid: "Read",
      effect: "Allow",
      principals: ["AWS:arn:aws:iam::111122223333:root", "*", "Federated:cognito"],
      actions: ["s3:GetObject"],
      notActions: ["s3:PutObject", "7"],
      resources: ["arn:aws:s3:::logs/*"],
      conditions: { StringEquals: { "aws:SourceAccount": ["111122223333"] } },
    },
  ];
  expect(statementsOf({ Statement: [statement] })).toEqual(expected);
  expect(statementsOf(JSON.stringify({ Statement: statement }))).toEqual(expected);
});

test("missing parts read as empty, and principals as IAM writes them", () => {
  expect(statementsOf({ Statement: { Effect: "Deny", Principal: "*" } })).toEqual([
    {
      sid: undefined,
      effect: "Deny",
      principals: ["*"],
      actions: [],
      notActions: [],
      resources: [],
      conditions: {},
    },
  ]);
  const principals = (Principal: unknown) =>
    statementsOf({ Statement: { Effect: "Allow", Principal, Sid: 3, Condition: null } })?.[0];
  expect(principals("arn:aws:iam::111122223333:root")).toMatchObject({
    sid: undefined,
    principals: ["arn:aws:iam::111122223333:root"],
    conditions: {},
  });
  expect(principals(null)?.principals).toEqual([]);
  expect(principals("")?.principals).toEqual([""]);
  expect(principals({ Service: "codebuild.amazonaws.com" })?.principals).toEqual([
    "Service:codebuild.amazonaws.com",
  ]);
  expect(statementsOf({ Version: "2012-10-17" })).toEqual([]);
});

test("what is not an IAM document reads as undefined", () => {
  for (const document of [
    "{not json",
    "7",
    7,
    null,
    undefined,
    { Statement: ["s3:GetObject"] },
    { Statement: [null] },
    { Statement: [{ Effect: "allow" }] },
    { Statement: [{ Effect: "Allow" }, { Action: "*" }] },
  ]) {
    expect([document, statementsOf(document)]).toEqual([document, undefined]);
  }
});

test("action patterns match as IAM matches them: * and ?, case-insensitive, whole action", () => {
  const matches = (pattern: string, action: string) => actionMatches(pattern, action);
  expect(matches("s3:Get*", "s3:GetObject")).toBe(true);
  expect(matches("S3:getobject", "s3:GetObject")).toBe(true);
  expect(matches("s3:Get?bject", "s3:GetObject")).toBe(true);
  expect(matches("*", "iam:PassRole")).toBe(true);
  expect(matches("s3:Get", "s3:GetObject")).toBe(false);
  expect(matches("3:GetObject", "s3:GetObject")).toBe(false);
  expect(matches("s3:Get?", "s3:GetObject")).toBe(false);
  expect(matches("s3.GetObject", "s3:GetObject")).toBe(false);
  expect(matches("s3:(Get)+Object", "s3:GetGetObject")).toBe(false);
  expect(matches("s3:(Get)+Object", "s3:(Get)+Object")).toBe(true);
});
