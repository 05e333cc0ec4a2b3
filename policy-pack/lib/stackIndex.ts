/**
 * An index over the resources of one AnalyzeStack call, built once per policy in linear time.
 *
 * Relationships are found through `propertyDependencies`, which hold URNs and are therefore known
 * even in a first preview, when every id and ARN of a new resource is unknown: a versioning
 * configuration belongs to the bucket whose URN its `bucket` property depends on.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Verdict } from "./unknowns";

export class StackIndex {
  private readonly byType = new Map<string, PolicyResource[]>();
  /** `<target URN> <type> <property>` → resources of that type whose property depends on the target. */
  private readonly dependents = new Map<string, PolicyResource[]>();
  /** `<type> <property>` → resources of that type by the known string value of the property. */
  private readonly byValue = new Map<string, Map<string, PolicyResource[]>>();

  constructor(readonly resources: readonly PolicyResource[]) {
    for (const r of resources) {
      push(this.byType, r.type, r);
      for (const [prop, deps] of Object.entries(r.propertyDependencies)) {
        for (const dep of deps) push(this.dependents, `${dep.urn} ${r.type} ${prop}`, r);
      }
    }
  }

  /** Every resource of any of the given types, in stack order. */
  ofType(...types: string[]): PolicyResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Resources of any of `types` whose `property` takes its value from `target`. */
  attached(target: PolicyResource, types: readonly string[], property: string): PolicyResource[] {
    return types.flatMap((t) => this.dependents.get(`${target.urn} ${t} ${property}`) ?? []);
  }

  /**
   * Resources of any of `types` whose `property` is the string `value`; a value not known yet
   * matches nothing. Each (type, property) is read once per index, not once per lookup.
   */
  withValue(types: readonly string[], property: string, value: string): PolicyResource[] {
    return types.flatMap((t) => this.valuesOf(t, property).get(value) ?? []);
  }

  private valuesOf(type: string, property: string): Map<string, PolicyResource[]> {
    const key = `${type} ${property}`;
    let values = this.byValue.get(key);
    if (!values) {
      values = new Map();
      const peek = new Verdict();
      for (const r of this.byType.get(type) ?? []) {
        const value = peek.read(() => r.props[property] as unknown);
        if (typeof value === "string") push(values, value, r);
      }
      this.byValue.set(key, values);
    }
    return values;
  }

  /** The resources `resource`'s `property` takes its value from. */
  static sources(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies[property] ?? [];
  }

  /** The Pulumi project of the stack, read from its URNs (`urn:pulumi:<stack>::<project>::…`). */
  project(): string | undefined {
    const urn = this.resources[0]?.urn;
    return urn?.split("::")[1];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
