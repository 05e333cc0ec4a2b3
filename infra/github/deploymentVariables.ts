import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";

export interface DeploymentVariablesArgs {
  /** The repository whose workflows deploy the stack: the blueprint's own. */
  repository: pulumi.Input<string>;
  /** Its deployment environment (the protected one deploys and rollbacks run in). */
  environment: pulumi.Input<string>;
  /** The stack the workflows preview and deploy. */
  stack: string;
  /** The AWS region the workflows' credentials are for. */
  region: string;
  /** The role pull-request, drift and evidence jobs assume (read-only). */
  previewRoleArn: pulumi.Input<string>;
  /** The role deploy and rollback jobs assume, from the deployment environment only. */
  deployRoleArn: pulumi.Input<string>;
  /** Where deploy and rollback jobs add their records: `s3://<audit log bucket>/ledger`. */
  ledgerUri: string;
}

/**
 * The GitHub Actions variables the pipelines read, so that no workflow carries a hand-set account,
 * region or role (SOC 2 CC8.1, CC6.1): the stack, region, preview role and the deployment ledger's
 * location for every job of the repository, and the deploy role only inside the deployment environment — a job outside it does
 * not even learn the ARN, and could not assume the role if it did (its trust names the environment).
 * Variables, not secrets: none of these values grants anything by itself.
 */
export class DeploymentVariables extends pulumi.ComponentResource {
  public readonly stack: github.ActionsVariable;
  public readonly region: github.ActionsVariable;
  public readonly previewRole: github.ActionsVariable;
  public readonly ledger: github.ActionsVariable;
  public readonly deployRole: github.ActionsEnvironmentVariable;

  constructor(name: string, args: DeploymentVariablesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:github:DeploymentVariables", name, {}, opts);
    const child = { parent: this };
    const repository = args.repository;
    const variable = (suffix: string, variableName: string, value: pulumi.Input<string>) =>
      new github.ActionsVariable(`${name}-${suffix}`, { repository, variableName, value }, child);

    this.stack = variable("stack", "PULUMI_STACK", args.stack);
    this.region = variable("region", "AWS_REGION", args.region);
    this.previewRole = variable("preview-role", "AWS_PREVIEW_ROLE_ARN", args.previewRoleArn);
    this.ledger = variable("ledger", "AUDIT_LEDGER_URI", args.ledgerUri);
    this.deployRole = new github.ActionsEnvironmentVariable(
      `${name}-deploy-role`,
      {
        repository,
        environment: args.environment,
        variableName: "AWS_DEPLOY_ROLE_ARN",
        value: args.deployRoleArn,
      },
      child,
    );

    this.registerOutputs({});
  }
}
