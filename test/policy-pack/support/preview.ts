/**
 * Resource properties as a policy receives them in a preview: wrapped in @pulumi/policy's
 * unknown-checking proxy, with the values written "unknown" not known yet.
 */
import { UNKNOWN } from "./analyze";

interface ProxyModule {
  unknownCheckingProxy<T extends object>(props: T): T;
}
// The pack's own copy, as its policies see it; the proxy is internal to the SDK (types stripped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("../../../policy-pack/node_modules/@pulumi/policy/proxy") as ProxyModule;

const unknownIn = (value: unknown): unknown =>
  value === "unknown"
    ? UNKNOWN
    : Array.isArray(value)
      ? value.map(unknownIn)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownIn(v)]))
        : value;

export function preview<T extends Record<string, unknown>>(props: T): Record<string, unknown> {
  return proxy.unknownCheckingProxy(unknownIn(props) as T);
}
