import { resourcePolicy } from "../../../lib/definePolicy";
import { RULESETS } from "../../../lib/github";
import { field, shown } from "../../../lib/props";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

/**
 * name: github-repository-ruleset-disallow-bypass-actors
 * description: No actor may bypass a repository or organization ruleset.
 * severity: high
 * tags:
 *
 * Each bypass actor is its own violation. An actor whose id is unknown in a preview (a team's id)
 * is still a bypass, so it is reported with the id shown as unknown.
 */
export const disallowBypassActors = resourcePolicy({
  name: "github-repository-ruleset-disallow-bypass-actors",
  description: "No actor may bypass a repository or organization ruleset.",
  severity: "high",
  remediationSteps:
    "Remove the bypassActors entries from the github.RepositoryRuleset or OrganizationRuleset. " +
    "An approved bypass is recorded as an exception in this policy's config (urn, reason, " +
    "approver, expiry), never granted silently.",
  types: RULESETS,
  validate: (resource, report) => {
    const verdict = new Verdict();
    const actors = verdict.read(() => resource.props.bypassActors as unknown);
    if (actors !== UNKNOWN && actors !== undefined && actors !== null) {
      if (!Array.isArray(actors)) report("ruleset has bypassActors malformed");
      for (const actor of Array.isArray(actors) ? (actors as unknown[]) : []) {
        // The actor is reported whatever is unknown about it, so peeking loses nothing.
        const peek = new Verdict();
        const [type, id, mode] = ["actorType", "actorId", "bypassMode"].map((key) => {
          const value = peek.read(() => field(actor, key));
          return value === UNKNOWN ? "unknown" : shown(value);
        });
        report(`ruleset lets actorType ${type}, actorId ${id} bypass it (bypassMode ${mode})`);
      }
    }
    verdict.finish();
  },
});
