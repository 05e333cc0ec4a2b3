/**
 * The property readers every policy uses, on the values policies receive: missing, null, malformed
 * and (through the SDK's unknown-checking proxy) unknown.
 */
import { field, hasKey, isSet, shown } from "../../../policy-pack/lib/props";
import { preview } from "../support/preview";

test("field reads a key of an object, and nothing of null or a scalar", () => {
  expect(field({ a: 1 }, "a")).toBe(1);
  expect(field(null, "a")).toBeUndefined();
  expect(field("text", "length")).toBeUndefined();
  expect(field(undefined, "a")).toBeUndefined();
});

test("hasKey says whether an object has a key without reading its unknown value", () => {
  const props = preview({ tags: "unknown" });
  expect(hasKey(props, "tags")).toBe(true);
  expect(hasKey(props, "name")).toBe(false);
  expect(hasKey(null, "tags")).toBe(false);
  expect(hasKey("tags", "length")).toBe(false);
});

test("shown prints a value as a message names it", () => {
  expect(shown(undefined)).toBe("unset");
  expect(shown(null)).toBe("unset");
  expect(shown({ days: 1 })).toBe("malformed");
  expect(shown("GOVERNANCE")).toBe('"GOVERNANCE"');
  expect(shown(30)).toBe("30");
});

test("isSet counts a value, an unknown one too, but not null or an empty string", () => {
  const props = preview({ a: "x", b: null, c: "", d: 0, e: false, f: "unknown" });
  expect(["a", "b", "c", "d", "e", "f", "g"].map((k) => [k, isSet(props, k)])).toEqual([
    ["a", true],
    ["b", false],
    ["c", false],
    ["d", true],
    ["e", true],
    ["f", true],
    ["g", false],
  ]);
});
