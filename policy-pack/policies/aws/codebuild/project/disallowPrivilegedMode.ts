import { CODEBUILD_PROJECT } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { field, shown } from "../../../../lib/props";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-codebuild-project-disallow-privileged-mode
 * description: CodeBuild build environments do not run in privileged mode.
 * severity: high
 * tags: aws-fsbp:CodeBuild.5
 *
 * A privileged build container runs its own Docker daemon with root on the build host: a CI job,
 * which runs whatever a workflow says, could then escape the container.
 */
export const disallowPrivilegedMode = resourcePolicy({
  name: "aws-codebuild-project-disallow-privileged-mode",
  description: "CodeBuild build environments do not run in privileged mode.",
  severity: "high",
  tags: ["aws-fsbp:CodeBuild.5"],
  remediationSteps:
    "Leave environment.privilegedMode unset or false on the aws.codebuild.Project. Build " +
    "container images with a daemonless builder (e.g. buildah or kaniko) or in a dedicated, " +
    "isolated project.",
  types: [CODEBUILD_PROJECT],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const mode = verdict.read(() => field(resource.props.environment, "privilegedMode"));
    if (mode === true) {
      report("build environment runs in privileged mode");
    } else if (mode !== UNKNOWN && mode !== false && mode !== undefined && mode !== null) {
      report(`build environment has privilegedMode ${shown(mode)}, not a boolean`);
    }
    verdict.finish();
  },
});
