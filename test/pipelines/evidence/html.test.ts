import { createHash } from "node:crypto";
import { CONTENT_SECURITY_POLICY, renderHtml } from "../../../pipelines/evidence/html";
import type { CriterionStatus } from "../../../pipelines/evidence/model";
import { HOSTILE, htmlModel } from "./fixtures/htmlModel";

const model = htmlModel();
const page = renderHtml(model);

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};
/** What a reader sees of some markup: tags dropped, entities decoded, whitespace collapsed. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, " ")
    .replace(/ ([,.;:])/g, "$1")
    .trim();
const slug = (id: string) => id.replace(/[^A-Za-z0-9-]/g, "-");
/** A criterion's part of the matrix: its row and its evidence, up to the next criterion. */
const criterionBlock = (html: string, id: string) => {
  const start = html.indexOf(`<tbody class="criterion" id="criterion-${slug(id)}">`);
  const next = html.indexOf(`<tbody class="criterion"`, start + 1);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, next === -1 ? html.indexOf('<section id="deployments"') : next);
};
/** Every start tag of the page, with its attributes; escaped text holds no `<`. */
const tags = page.match(/<[a-zA-Z][^>]*>/g) ?? [];
const LABEL: Record<CriterionStatus, string> = {
  met: "met",
  "not-met": "not met",
  "met-with-exceptions": "met with exceptions",
  "not-verified": "not verified",
  manual: "manual",
};

describe("the control matrix", () => {
  test("has one row per criterion in scope, with its id, title and status in words", () => {
    const rows = [...page.matchAll(/<tr class="criterion-row">([\s\S]*?)<\/tr>/g)].map((m) =>
      textOf(m[1] ?? ""),
    );
    expect(rows).toHaveLength(model.criteria.length);
    model.criteria.forEach((c, i) => {
      expect(rows[i]).toMatch(new RegExp(`^${c.id.replace(".", "\\.")} `));
      expect(rows[i]).toContain(`${c.title} ${LABEL[c.status]} `);
    });
  });

  test("the fixture covers every status, so every status's words are shown", () => {
    const statuses = new Set(model.criteria.map((c) => c.status));
    expect([...statuses].sort()).toEqual(Object.keys(LABEL).sort());
  });

  test("each criterion opens onto its policies, results, exceptions and manual control", () => {
    for (const c of model.criteria) {
      const block = criterionBlock(page, c.id);
      expect(block).toContain("<details>");
      const text = textOf(block);
      expect(text).toContain(`Evidence for ${c.id}:`);
      expect(text).toContain(textOf(c.manual));
      for (const policy of c.policies) expect(text).toContain(policy);
    }
  });

  test("a failing row shows its policy, resource and message", () => {
    const text = textOf(criterionBlock(page, "CC8.1"));
    expect(text).toContain(
      "soc2-pipeline-blueprint urn:pulumi:example::soc2-baseline::soc2:aws:AuditLogArchive$github:index/repository:Repository::soc2-pipeline-blueprint github:index/repository:Repository fail The default-branch ruleset requires 1 approval, not 2.",
    );
  });

  test("an exception shows its reason, approver and expiry", () => {
    const text = textOf(criterionBlock(page, "CC6.1"));
    expect(text).toContain(
      "Reason: S3 server access logs can only be delivered to a bucket that uses SSE-S3 <not KMS>. Approved by jane.doe@example.com; expires 2027-03-31.",
    );
    expect(text).toMatch(
      /Exceptions Policy Resource Reason Approved by Expires aws-s3-bucket-enforce-encryption access-logs .* jane\.doe@example\.com 2027-03-31/,
    );
  });

  test("a criterion no code checks shows the manual control as its content", () => {
    const text = textOf(criterionBlock(page, "CC5.2"));
    expect(text).toContain("No policy of the pack checks this criterion.");
    expect(text).not.toContain("Policies and the resources they judged");
  });

  test("a policy that judged nothing says so rather than vanishing", () => {
    expect(textOf(criterionBlock(page, "CC6.6"))).toContain(
      "aws-ec2-instance-disallow-public-ip high severity · mandatory · Checks aws ec2 instance disallow public ip. Judged no resource of this stack.",
    );
  });
});

test("the header names the project, stack, time, pack and verdict", () => {
  const header = textOf(page.slice(page.indexOf("<header>"), page.indexOf("</header>")));
  expect(header).toContain("soc2-baseline / example");
  expect(header).toContain("2026-12-01T09:30:00.000Z");
  expect(header).toContain("soc2-baseline@0.1.0, 48 policies");
  expect(header).toContain("ab".repeat(32));
  expect(header).toContain(
    "blocked 1 mandatory violation, 2 advisory findings, 95 resources judged",
  );
});

test("rollbacks show their incident and reason", () => {
  expect(textOf(page)).toContain(
    "rollback success 89abcdef0123 none erin INC-2031: The runner role change broke deploys",
  );
});

describe("changes", () => {
  test("from git alone are marked so, with approvers and checks unknown", () => {
    const text = textOf(page.slice(page.indexOf('<section id="changes"')));
    expect(text).toMatch(/^Changes since 2026-11-01 from git alone No GitHub token/);
    expect(text).toContain(`Tighten the runner role ${HOSTILE} signed #42 not known not known`);
  });

  test("from GitHub show approvers and checks, and are not marked", () => {
    const fromGitHub = renderHtml(
      htmlModel({
        changes: {
          since: "2026-11-01",
          source: "github",
          entries: [
            {
              commit: "0123456789abcdef0123456789abcdef01234567",
              author: "Alice",
              date: "2026-11-26T03:00:00Z",
              subject: "Tighten the runner role",
              signed: true,
              pullRequest: 42,
              approvers: ["carol", "dave"],
              checks: [
                { name: "test", conclusion: "success" },
                { name: "gate", conclusion: "success" },
              ],
            },
          ],
        },
      }),
    );
    const text = textOf(fromGitHub.slice(fromGitHub.indexOf('<section id="changes"')));
    expect(text).not.toContain("from git alone");
    expect(text).toContain("signed #42 carol, dave test: success, gate: success");
  });
});

describe("escaping", () => {
  test("markup in a message or a commit subject renders as text", () => {
    expect(page).toContain(
      "&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;",
    );
    expect(textOf(page)).toContain(`Tighten the runner role ${HOSTILE}`);
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/<img|<b>|onerror="/);
  });

  test("every string is escaped, in attributes as much as in text", () => {
    const hostile = renderHtml(
      htmlModel({ generatedAt: `2026"><script>x()</script>`, stack: `prod' onmouseover='x()` }),
    );
    expect(hostile.match(/<script/g)).toHaveLength(1);
    expect(hostile).toContain('datetime="2026&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"');
    expect(hostile).not.toContain("' onmouseover='");
  });
});

describe("self-containment", () => {
  const csp =
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(page)?.[1] ?? "";
  const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

  test("a Content-Security-Policy meta tag, before any style or script, forbids every load", () => {
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(page.indexOf("Content-Security-Policy")).toBeLessThan(page.indexOf("<style>"));
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe|https?:|\*|data:/);
  });

  test("the policy allows exactly the page's own inline style and script, by hash", () => {
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`style-src ${sha256(styles[0] ?? "")};`);
    expect(csp).toContain(`script-src ${sha256(scripts[0] ?? "")};`);
    // Inline style attributes and event handlers would be refused by that policy.
    for (const tag of tags) expect(tag).not.toMatch(/\s(style|on[a-z]+)=/);
  });

  test("no URL loads anything: links stay in the page, remote addresses are text", () => {
    const references = tags.flatMap((tag) => [
      ...tag.matchAll(/\s(src|href|srcset|action|formaction|poster|data|ping)\s*=\s*"?([^"\s>]*)/g),
    ]);
    expect(references.map((m) => m[1])).toEqual(references.map(() => "href"));
    for (const [, , value] of references) expect(value).toMatch(/^#[a-z]+$/);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed|video|audio|source|base)\b/i);
    expect(page).not.toMatch(/url\(|@import/i);
    // The pull request's address is in the model, so it is there to find, but only as text.
    expect(page).toContain(">https://github.com/example-org/soc2-pipeline-blueprint/pull/42<");
  });
});
