/**
 * Speed at scale. @pulumi/policy's analyzer decodes a resource's properties from their protobuf
 * Struct once for every policy that judges the resource: in AnalyzeStack, every resource of the
 * stack once per stack policy, and its provider's properties with it. Decoding is a pure
 * function of the Struct, and the analyzer hands each policy its own unknown-checking proxy over
 * the decoded value, which our policies only read. So this keeps the first decoding of each Struct
 * (weakly: it goes with the request) and hands it out again. Secret-preserving decoding
 * (remediation's) is left as it is. It must run before the pack answers its first request.
 */
type Decode = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

/** The server reads `deserializeProperties` from this module's exports at each call. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserialize = require("@pulumi/policy/deserialize") as { deserializeProperties: Decode };

/** Makes `decode` answer each Struct from the first decoding of it. */
export function decodingOnce(decode: Decode): Decode {
  const decoded = new WeakMap<object, Record<string, unknown>>();
  return (struct, proxySecrets) => {
    if (proxySecrets) return decode(struct, proxySecrets);
    let props = decoded.get(struct);
    if (!props) {
      props = decode(struct, proxySecrets);
      decoded.set(struct, props);
    }
    return props;
  };
}

deserialize.deserializeProperties = decodingOnce(deserialize.deserializeProperties);
