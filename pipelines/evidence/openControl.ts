/**
 * The bundle's OpenControl files: `opencontrol.yaml` (schema 1.0.0), the SOC 2 standard generated
 * from the control catalogue (through the model's criteria), and one `component.yaml` (schema
 * 3.1.0) per infra component, whose verifications are the pack policies that judge its resources,
 * named and described as the running pack reports them, with the file that defines each.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { type ComponentDescription, components, RESPONSIBLE_ROLE } from "./components";
import type { EvidenceModel } from "./model";

export const STANDARD_KEY = "SOC2";
const STANDARD_FILE = "standards/soc2.yaml";

/** Policy name → the file that defines it, relative to the pack folder's parent. */
export function policySources(packDir: string): Map<string, string> {
  const root = path.dirname(packDir);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.isFile() && entry.name.endsWith(".ts") ? [full] : [];
    });
  const sources = new Map<string, string>();
  for (const file of walk(path.join(packDir, "policies"))) {
    const name = /^\s*name: "([a-z0-9-]+)",$/m.exec(readFileSync(file, "utf8"))?.[1];
    if (name) sources.set(name, path.relative(root, file).split(path.sep).join("/"));
  }
  return sources;
}

function component(
  c: ComponentDescription,
  model: EvidenceModel,
  sources: ReadonlyMap<string, string>,
): string {
  const policies = new Map(model.pack.policies.map((p) => [p.name, p]));
  const verifications = c.verifiedBy.map((name) => {
    const policy = policies.get(name);
    const file = sources.get(name);
    if (!policy || !file) {
      throw new Error(`component ${c.key} is verified by ${name}, which the policy pack lacks`);
    }
    return { key: name, name, path: file, type: "policy", description: policy.description };
  });
  const satisfies = c.satisfies.map((s) => {
    const criterion = model.criteria.find((k) => k.id === s.control);
    if (!criterion) {
      throw new Error(`component ${c.key} satisfies ${s.control}, which the catalogue lacks`);
    }
    return {
      standard_key: STANDARD_KEY,
      control_key: s.control,
      narrative: [{ text: s.narrative }],
      implementation_status: s.status,
      covered_by: c.verifiedBy
        .filter((name) => criterion.policies.includes(name))
        .map((name) => ({ verification_key: name })),
    };
  });
  return stringify({
    schema_version: "3.1.0",
    name: c.name,
    key: c.key,
    system: model.project,
    documentation_complete: true,
    responsible_role: RESPONSIBLE_ROLE,
    references: [{ name: "Source", path: c.source, type: "source" }],
    satisfies,
    verifications,
  });
}

/** The OpenControl files, by path inside `opencontrol/`. */
export function renderOpenControl(model: EvidenceModel, packDir: string): Map<string, string> {
  const sources = policySources(packDir);
  const files = new Map<string, string>();
  files.set(
    "opencontrol.yaml",
    stringify({
      schema_version: "1.0.0",
      name: model.project,
      metadata: {
        description:
          `SOC 2 controls of ${model.project} (stack ${model.stack}) as its code implements them, ` +
          `verified by ${model.pack.name}@${model.pack.version}.`,
        maintainers: [RESPONSIBLE_ROLE],
      },
      components: components.map((c) => `./components/${c.key}`),
      standards: [`./${STANDARD_FILE}`],
    }),
  );
  files.set(
    STANDARD_FILE,
    stringify({
      name: STANDARD_KEY,
      ...Object.fromEntries(
        model.criteria.map((c) => [c.id, { family: c.series, name: c.title, description: c.asks }]),
      ),
    }),
  );
  for (const c of components) {
    files.set(`components/${c.key}/component.yaml`, component(c, model, sources));
  }
  return files;
}
