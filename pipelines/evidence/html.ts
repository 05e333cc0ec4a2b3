/**
 * The evidence bundle's index.html: one self-contained page for the auditor — the control matrix
 * (each criterion opening onto its evidence), the ledger's deployments and rollbacks, the changes
 * since the date asked for, and what the bundle proves and what it does not.
 *
 * It loads nothing. The style sheet and the one small script (which opens every criterion for
 * printing) are inline, and a Content-Security-Policy allows exactly those two by hash and nothing
 * else — no fetch, image, font or frame. Every string of the model is escaped by the `html` tag
 * below: criteria, messages and commit subjects come from configs and people.
 */
import { createHash } from "node:crypto";
import type {
  ChangeEntry,
  CriterionEvidence,
  CriterionStatus,
  EvidenceModel,
  LedgerEntry,
  MatrixRow,
  PolicyMetadata,
  RowResult,
} from "./model";

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
class Markup {
  constructor(readonly text: string) {}
}
type Part = string | number | Markup | null | undefined | false | readonly Part[];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function render(value: Part): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Markup) return value.text;
  if (typeof value === "object") return value.map(render).join("");
  return escapeHtml(String(value));
}

function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0] ?? "";
  values.forEach((value, i) => (out += render(value) + (strings[i + 1] ?? "")));
  return new Markup(out);
}

/** The words the page uses for each status; colour only repeats them. */
const STATUS: Record<CriterionStatus, string> = {
  met: "met",
  "not-met": "not met",
  "met-with-exceptions": "met with exceptions",
  "not-verified": "not verified",
  manual: "manual",
};
const RESULT: Record<RowResult, string> = {
  fail: "fail",
  advisory: "advisory",
  "not-verified": "not verified",
  exception: "exception",
  pass: "pass",
};
/** Worst first, so a reader meets what needs attention before what passed. */
const RESULT_ORDER = Object.keys(RESULT) as RowResult[];
const COUNTED: [RowResult, string][] = [
  ["pass", "Pass"],
  ["fail", "Fail"],
  ["advisory", "Advisory"],
  ["exception", "Exception"],
  ["not-verified", "Not verified"],
];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const slug = (id: string) => id.replace(/[^A-Za-z0-9-]/g, "-");
const badge = (kind: string, label: string) => html`<span class="badge ${kind}">${label}</span>`;
const statusBadge = (s: CriterionStatus) => badge(`status-${s}`, STATUS[s]);
const resultBadge = (r: RowResult) => badge(`result-${r}`, RESULT[r]);
const resource = (row: MatrixRow) =>
  row.urn
    ? html`<span class="name">${row.resourceName}</span> <code class="urn">${row.urn}</code>`
    : html`<span class="name">the stack as a whole</span>`;
/** A table that scrolls sideways on a narrow screen instead of overflowing the page. */
const wide = (label: string, table: Markup) =>
  html`<div class="wide" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
const list = (items: readonly string[] | null, unknown = "not known") =>
  items === null ? html`<span class="unknown">${unknown}</span>` : items.join(", ") || "none";

function header(model: EvidenceModel): Markup {
  const { gate, pack } = model;
  const verdict =
    gate.verdict === "pass"
      ? html`${badge("status-met", "pass")} no mandatory violation`
      : html`${badge("status-not-met", "blocked")} ${plural(gate.mandatory, "mandatory violation")}`;
  return html`<header>
    <p class="kicker">SOC 2 evidence bundle</p>
    <h1>${model.project} / ${model.stack}</h1>
    <dl class="facts">
      <div>
        <dt>Generated</dt>
        <dd><time datetime="${model.generatedAt}">${model.generatedAt}</time></dd>
      </div>
      <div>
        <dt>Policy pack</dt>
        <dd>
          <code>${pack.name}@${pack.version}</code>,
          ${plural(pack.policies.length, "policy", "policies")}
        </dd>
      </div>
      <div>
        <dt>Pack content SHA-256</dt>
        <dd><code class="hash">${pack.sha256}</code></dd>
      </div>
      <div>
        <dt>Gate verdict</dt>
        <dd>
          ${verdict}, ${plural(gate.advisory, "advisory finding")},
          ${plural(gate.resources, "resource")} judged
        </dd>
      </div>
    </dl>
    <nav aria-label="Sections">
      <a href="#matrix">Control matrix</a> <a href="#deployments">Deployments and rollbacks</a>
      <a href="#changes">Changes</a>
      <a href="#scope">What this bundle proves, and what it does not</a>
    </nav>
  </header>`;
}

function scope(model: EvidenceModel): Markup {
  return html`<section id="scope" aria-labelledby="scope-title">
    <h2 id="scope-title">What this bundle proves, and what it does not</h2>
    <div class="columns">
      <div>
        <h3>It is evidence of</h3>
        <ul>
          <li>
            <strong>design</strong>: which controls the stacks' code defines, and which policies of
            the pack hold each SOC 2 criterion;
          </li>
          <li>
            <strong>operation of the automated controls on this stack at this time</strong>: how the
            pack <code>${model.pack.name}@${model.pack.version}</code> judged every resource that
            the program of <code>${model.stack}</code> declares, as a preview would, when this file
            was generated (${model.generatedAt}), with every exception, its reason and approver;
          </li>
          <li>
            the deployments and rollbacks the ledger holds, and the changes merged since
            ${model.changes.since}.
          </li>
        </ul>
      </div>
      <div>
        <h3>It is not evidence of</h3>
        <ul>
          <li>
            the operation of the manual controls: their rationale is stated under each criterion,
            their evidence lives with the teams that perform them;
          </li>
          <li>
            the live accounts: resources are judged as the program declares them, not read from AWS
            or GitHub (that they still match is the daily drift check's evidence, not this file's);
          </li>
          <li>
            anything outside these stacks: other accounts, application stacks, the identity
            provider, people and processes;
          </li>
          <li>
            operation before or after this moment, beyond what the ledger and the change history
            show${model.changes.source === "git" ? " (here from git alone: no approvers or checks)" : ""}.
          </li>
        </ul>
      </div>
    </div>
  </section>`;
}

function policyBlock(name: string, meta: PolicyMetadata | undefined, rows: MatrixRow[]): Markup {
  const sorted = [...rows].sort(
    (a, b) => RESULT_ORDER.indexOf(a.result) - RESULT_ORDER.indexOf(b.result),
  );
  const level = meta?.enforcementLevel ?? rows[0]?.enforcementLevel ?? "unknown";
  const severity = meta?.severity ?? rows[0]?.severity ?? "unknown";
  const table = sorted.length
    ? html`<table class="results">
        <caption class="visually-hidden">
          Resources judged by ${name}
        </caption>
        <colgroup>
          <col class="c-resource" />
          <col class="c-type" />
          <col class="c-result" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Type</th>
            <th scope="col">Result</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          ${sorted.map(
            (r) =>
              html`<tr>
                <td>${resource(r)}</td>
                <td><code>${r.resourceType || "stack"}</code></td>
                <td>${resultBadge(r.result)}</td>
                <td>
                  <span class="message">${r.message}</span
                  >${r.exception && html`<span class="exception-note">Reason: ${r.exception.reason}. Approved by ${r.exception.approvedBy}; expires ${r.exception.expires}.</span>`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p class="none">Judged no resource of this stack.</p>`;
  return html`<section class="policy">
    <h4><code>${name}</code></h4>
    <p class="meta">${severity} severity · ${level}${meta ? html` · ${meta.description}` : ""}</p>
    ${table}
  </section>`;
}

function exceptionsBlock(rows: MatrixRow[]): Markup {
  if (rows.length === 0)
    return html`<h3>Exceptions</h3>
      <p class="none">No exception applies.</p>`;
  return html`<h3>Exceptions</h3>
    <table class="results">
      <caption class="visually-hidden">
        Exceptions
      </caption>
      <thead>
        <tr>
          <th scope="col">Policy</th>
          <th scope="col">Resource</th>
          <th scope="col">Reason</th>
          <th scope="col">Approved by</th>
          <th scope="col">Expires</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td><code>${r.policy}</code></td>
              <td>${resource(r)}</td>
              <td>${r.exception?.reason ?? r.message}</td>
              <td>${r.exception?.approvedBy ?? "not stated"}</td>
              <td>${r.exception?.expires ?? "not stated"}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function criterionBody(c: CriterionEvidence, model: EvidenceModel, rows: MatrixRow[]): Markup {
  const counts = COUNTED.map(([r]) => rows.filter((row) => row.result === r).length);
  const policies = [...c.policies, ...new Set(rows.map((r) => r.policy))].filter(
    (p, i, all) => all.indexOf(p) === i,
  );
  const exceptions = rows.filter((r) => r.result === "exception");
  const evidence =
    policies.length === 0
      ? html`<div class="manual-only">
          <h3>Manual control</h3>
          <p>No policy of the pack checks this criterion. The organization covers it as follows:</p>
          <p>${c.manual}</p>
        </div>`
      : html`<h3>Policies and the resources they judged</h3>
          ${policies.map((p) =>
            policyBlock(
              p,
              model.pack.policies.find((m) => m.name === p),
              rows.filter((r) => r.policy === p),
            ),
          )}
          ${exceptionsBlock(exceptions)}
          <h3>What no code checks</h3>
          <p>${c.manual}</p>`;
  const summary = `Evidence for ${c.id}: ${plural(policies.length, "policy", "policies")}, ${plural(rows.length, "result")}, ${plural(exceptions.length, "exception")}`;
  return html`<tbody class="criterion" id="criterion-${slug(c.id)}">
    <tr class="criterion-row">
      <th scope="row">${c.id}</th>
      <td>${c.title}</td>
      <td class="status">${statusBadge(c.status)}</td>
      ${counts.map((n) => html`<td class="num${n === 0 ? " zero" : ""}">${n}</td>`)}
    </tr>
    <tr class="evidence-row">
      <td colspan="${3 + COUNTED.length}">
        <details>
          <summary>${summary}</summary>
          <div class="evidence">
            <p class="asks"><strong>${c.series}. What it asks:</strong> ${c.asks}</p>
            ${evidence}
          </div>
        </details>
      </td>
    </tr>
  </tbody>`;
}

function matrix(model: EvidenceModel): Markup {
  const inScope = new Set(model.criteria.map((c) => c.id));
  const byStatus = (Object.keys(STATUS) as CriterionStatus[])
    .map((s) => [s, model.criteria.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS[s]}`);
  const stray = model.rows.filter((r) => !inScope.has(r.criterion));
  return html`<section id="matrix" aria-labelledby="matrix-title">
    <h2 id="matrix-title">Control matrix</h2>
    <p>
      ${plural(model.criteria.length, "criterion", "criteria")} in scope: ${byStatus.join(", ")}.
      Open a criterion for its policies, the resources they judged, its exceptions and its manual
      control.
    </p>
    ${wide(
      "Control matrix",
      html`<table class="matrix">
        <caption>
          SOC 2 criteria and their status on stack ${model.stack}, with the number of policy results
          of each kind
        </caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            ${COUNTED.map(([, heading]) => html`<th scope="col" class="num">${heading}</th>`)}
          </tr>
        </thead>
        ${model.criteria.map((c) =>
          criterionBody(
            c,
            model,
            model.rows.filter((r) => r.criterion === c.id),
          ),
        )}
      </table>`,
    )}
    ${
      stray.length > 0 &&
      html`<h3>Results under no criterion in scope</h3>
        ${stray.map((r) => html`<p>${r.criterion} · <code>${r.policy}</code> · ${resource(r)} · ${resultBadge(r.result)} ${r.message}</p>`)}`
    }
  </section>`;
}

function ledger(model: EvidenceModel): Markup {
  const { entries, source } = model.ledger;
  const rollbacks = entries.filter((e) => e.kind === "rollback").length;
  const row = (e: LedgerEntry) =>
    html`<tr class="${e.kind}">
      <td>
        <time datetime="${e.recordedAt}">${e.recordedAt}</time> <code class="urn">${e.file}</code>
      </td>
      <td>${e.kind}</td>
      <td>${e.outcome}</td>
      <td><code class="commit">${e.commit.slice(0, 12)}</code></td>
      <td>
        ${e.pullRequest ? html`#${e.pullRequest.number} <code class="urn">${e.pullRequest.url}</code>` : "none"}
      </td>
      <td>${list(e.approvers)}</td>
      <td>
        ${e.kind === "rollback" ? html`<strong>${e.incident ?? "no incident stated"}</strong>${e.reason ? html`: ${e.reason}` : ""}` : ""}
      </td>
    </tr>`;
  return html`<section id="deployments" aria-labelledby="deployments-title">
    <h2 id="deployments-title">Deployments and rollbacks</h2>
    <p>
      Ledger: <code>${source}</code>. ${plural(entries.length - rollbacks, "deployment")},
      ${plural(rollbacks, "rollback")}.
    </p>
    ${
      entries.length === 0
        ? html`<p class="none">The ledger holds no record.</p>`
        : wide(
            "Ledger records",
            html`<table>
              <caption>
                Ledger records, as the deploy and rollback jobs wrote them
              </caption>
              <thead>
                <tr>
                  <th scope="col">Recorded</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Commit</th>
                  <th scope="col">Pull request</th>
                  <th scope="col">Approvers</th>
                  <th scope="col">Incident and reason</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(row)}
              </tbody>
            </table>`,
          )
    }
  </section>`;
}

function changes(model: EvidenceModel): Markup {
  const { since, source, entries } = model.changes;
  const fromGit = source === "git";
  // The heading, the note and the caption say why; each cell only says so.
  const unknown = "not known";
  const checks = (c: ChangeEntry) =>
    c.checks === null
      ? html`<span class="unknown">${unknown}</span>`
      : c.checks.map((k) => `${k.name}: ${k.conclusion}`).join(", ") || "none";
  const row = (c: ChangeEntry) =>
    html`<tr>
      <td>${c.date}</td>
      <td><code class="commit">${c.commit.slice(0, 12)}</code></td>
      <td>${c.author}</td>
      <td>${c.subject}</td>
      <td>${c.signed ? "signed" : "not signed"}</td>
      <td>${c.pullRequest === null ? "none" : `#${c.pullRequest}`}</td>
      <td>${list(c.approvers, unknown)}</td>
      <td>${checks(c)}</td>
    </tr>`;
  return html`<section id="changes" aria-labelledby="changes-title">
    <h2 id="changes-title">
      Changes since
      ${since}${fromGit ? html` <span class="badge status-not-verified">from git alone</span>` : ""}
    </h2>
    ${fromGit ? html`<p class="note">No GitHub token was available when this bundle was made: these changes come from git alone, so their approvers and checks are not known here.</p>` : ""}
    ${
      entries.length === 0
        ? html`<p class="none">No change was merged since ${since}.</p>`
        : wide(
            "Changes",
            html`<table>
              <caption>
                Merged changes since ${since}, ${fromGit ? "from git alone" : "from git and GitHub"}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Commit</th>
                  <th scope="col">Author</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Signature</th>
                  <th scope="col">Pull request</th>
                  <th scope="col">Approvers</th>
                  <th scope="col">Checks</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(row)}
              </tbody>
            </table>`,
          )
    }
  </section>`;
}

// Opens every criterion while printing, and closes again the ones the reader had not opened.
const SCRIPT = `addEventListener("beforeprint",()=>{for(const d of document.querySelectorAll("details:not([open])")){d.dataset.print="";d.open=true}});addEventListener("afterprint",()=>{for(const d of document.querySelectorAll("details[data-print]")){delete d.dataset.print;d.open=false}});`;

const STYLE = `
:root{color-scheme:light;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa}
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:90rem;padding:1.5rem;font:15px/1.45 system-ui,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
h1{margin:.1rem 0 1rem;font-size:1.7rem}h2{margin:2rem 0 .6rem;font-size:1.3rem}h3{margin:1.2rem 0 .4rem;font-size:1.05rem}h4{margin:1rem 0 .2rem;font-size:.95rem}
code{font:.85em/1.3 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.06em;font-size:.8rem}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.5rem 1.5rem;margin:0}
.facts dt{color:var(--muted);font-size:.8rem}.facts dd{margin:0}.hash{font-size:.75rem}
nav{margin-top:1rem;display:flex;flex-wrap:wrap;gap:1rem}a{color:#0550ae}
#scope{border:1px solid var(--line);border-radius:6px;padding:0 1rem .5rem;background:var(--soft)}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:0 2rem}
table{width:100%;border-collapse:collapse;margin:.4rem 0 1rem}
caption{text-align:left;color:var(--muted);padding:.3rem 0;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-size:.85rem}
.num{text-align:right;font-variant-numeric:tabular-nums;width:6rem}.zero{color:#8c959f}
.matrix tbody.criterion{border-top:2px solid var(--line)}
.matrix .criterion-row>*{border-bottom:0}.matrix .status{width:12rem}
.evidence-row>td{padding-top:0}
summary{cursor:pointer;color:#0550ae;font-size:.9rem;padding:.1rem 0}
summary:focus-visible,a:focus-visible,.wide:focus-visible{outline:2px solid #0969da;outline-offset:2px}
.evidence{border-left:3px solid var(--line);margin:.4rem 0 .6rem .3rem;padding:0 0 0 1rem}
.results{font-size:.88rem;table-layout:fixed}.c-resource{width:32%}.c-type{width:24%}.c-result{width:9.5rem}
.wide{overflow-x:auto}.wide>table{min-width:44rem}.commit{white-space:nowrap}
.message{white-space:pre-line}.exception-note{display:block;margin-top:.2rem;white-space:normal}h4 code{font-size:.95rem;font-weight:700}
.name{font-weight:600}.urn{display:block;color:var(--muted);font-size:.75rem}
.meta{margin:0 0 .3rem;color:var(--muted);font-size:.88rem}
.none,.unknown{color:var(--muted);font-style:italic}
.manual-only{background:#eef4ff;border-radius:6px;padding:.2rem 1rem .5rem}
.note{border-left:4px solid #9a6700;background:#fff8c5;padding:.5rem .8rem}
.badge{display:inline-block;white-space:nowrap;border-radius:1rem;padding:.05rem .6rem;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.badge::before{margin-right:.3rem}
.status-met,.result-pass{color:#116329;background:#dafbe1}.status-met::before,.result-pass::before{content:"\\2713" / ""}
.status-not-met,.result-fail{color:#a40e26;background:#ffebe9}.status-not-met::before,.result-fail::before{content:"\\2717" / ""}
.status-met-with-exceptions,.result-exception,.result-advisory{color:#7d4e00;background:#fff8c5}.status-met-with-exceptions::before,.result-exception::before,.result-advisory::before{content:"!" / ""}
.status-not-verified,.result-not-verified{color:#424a53;background:#eaeef2}.status-not-verified::before,.result-not-verified::before{content:"?" / ""}
.status-manual{color:#0a3069;background:#ddf4ff}.status-manual::before{content:"\\270E" / ""}
tr.rollback>td{background:#fff8f5}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@media print{body{max-width:none;padding:0;font-size:9pt}nav{display:none}summary{color:var(--ink)}
.wide{overflow:visible}.wide>table{min-width:0}.num,.matrix .status{width:auto}
.criterion-row,.results tr,.policy h4{break-inside:avoid}h2,h3,h4{break-after:avoid}#scope{background:none}}
@page{margin:12mm}
`;

// Built outside the `html` tag so that no formatter can change the bytes the hashes are taken of.
const inline = (tag: "style" | "script", body: string) => new Markup(`<${tag}>${body}</${tag}>`);
const cspHash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** The Content-Security-Policy of the page: its own inline style and script, and nothing else. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export function renderHtml(model: EvidenceModel): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="${new Markup(CONTENT_SECURITY_POLICY)}"
        />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>SOC 2 evidence: ${model.project} / ${model.stack}</title>
        ${inline("style", STYLE)} ${inline("script", SCRIPT)}
      </head>
      <body>
        ${header(model)}
        <main>${matrix(model)} ${ledger(model)} ${changes(model)} ${scope(model)}</main>
        <footer>
          <p>
            Generated by <code>npm run evidence</code>. This file is listed in the bundle's
            <code>SHA256SUMS</code>: <code>npm run evidence:verify -- DIR</code> shows whether any
            file of the bundle was changed, added or removed since.
          </p>
        </footer>
      </body>
    </html> `.text;
}
