/**
 * The analyzer decodes each resource's properties once, however many policies judge it: the pack
 * installs lib/decodeOnce.ts, and this file installs it too, before any request.
 */
import "../../../policy-pack/lib/decodeOnce";
import type { StackValidationPolicy } from "@pulumi/policy";
import { decodingOnce } from "../../../policy-pack/lib/decodeOnce";
import { analyzeStack, type Fixture, rows, UNKNOWN, unknownRow } from "../support/analyze";

afterEach(() => jest.restoreAllMocks());

test("each Struct is decoded once and answered from then on; secret-preserving decoding is not kept", () => {
  const decode = jest.fn((struct: object, proxySecrets: boolean) => ({ struct, proxySecrets }));
  const once = decodingOnce(decode);
  const [a, b] = [{}, {}];
  const first = once(a, false);
  expect(first).toEqual({ struct: a, proxySecrets: false });
  expect(once(a, false)).toBe(first);
  expect(once(b, false)).toEqual({ struct: b, proxySecrets: false });
  expect(once(a, true)).toEqual({ struct: a, proxySecrets: true });
  expect(once(a, true)).not.toBe(once(a, true));
  expect(decode.mock.calls).toEqual([
    [a, false],
    [b, false],
    [a, true],
    [a, true],
    [a, true],
  ]);
});

/**
 * Struct's decoding, counted. The repository and the pack each have a google-protobuf, whose
 * classes share one global namespace: which class a request's Struct is depends on load order.
 */
function countDecodings(): () => number {
  const structs = [
    "google-protobuf/google/protobuf/struct_pb",
    "../../../policy-pack/node_modules/google-protobuf/google/protobuf/struct_pb",
  ].map((m) => jest.requireActual<{ Struct: { prototype: object } }>(m).Struct.prototype);
  const spies = [...new Set(structs)].map((p) =>
    jest.spyOn(p as { toJavaScript(): unknown }, "toJavaScript"),
  );
  return () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
}

/** A stack policy that reports each resource's `owner` property, as it reads it. */
const reporting = (name: string): StackValidationPolicy => ({
  name,
  description: name,
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const r of args.resources) report(`${r.name} owner ${String(r.props.owner)}`);
  },
});

test("in AnalyzeStack, three policies read every resource from one decoding of it", async () => {
  const fixtures: Fixture[] = ["a", "b", "c", "d"].map((name) => ({
    type: "random:index/randomPet:RandomPet",
    name,
    props: { owner: name === "d" ? UNKNOWN : `team-${name}` },
  }));
  const decodings = countDecodings();
  const found = rows(await analyzeStack(["p1", "p2", "p3"].map(reporting), fixtures));
  expect(decodings()).toBe(4);
  expect(found).toEqual(
    ["p1", "p2", "p3"].flatMap((p) => [
      [p, "mandatory", "", "a owner team-a"],
      [p, "mandatory", "", "b owner team-b"],
      [p, "mandatory", "", "c owner team-c"],
      unknownRow(p, ".owner"),
    ]),
  );
});
