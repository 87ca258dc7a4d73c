import type { Catalog, CatalogAction } from "./catalog";
import { statementGrants } from "./statement-actions";
import type { Statement } from "./types";

/**
 * Privilege-escalation permissions: actions that let a person give themselves (or a resource
 * they control) more access than they were granted. The list follows Rhino Security Labs'
 * "AWS IAM Privilege Escalation – Methods and Mitigation" (Gietzen, 2018), the reference list
 * that tools such as Pacu and PMapper also implement.
 */
export const ESCALATION_ACTIONS: Readonly<Record<string, string>> = {
  "iam:createpolicyversion":
    "can write a new version of a managed policy and make it the default, granting any permission",
  "iam:setdefaultpolicyversion": "can switch a managed policy back to an older, possibly broader version",
  "iam:attachuserpolicy":
    "can attach any managed policy (such as AdministratorAccess) to a user, including themselves",
  "iam:attachgrouppolicy": "can attach any managed policy to a group they belong to",
  "iam:attachrolepolicy": "can attach any managed policy to a role they can use",
  "iam:putuserpolicy": "can write an inline policy with any permission on a user, including themselves",
  "iam:putgrouppolicy": "can write an inline policy with any permission on a group they belong to",
  "iam:putrolepolicy": "can write an inline policy with any permission on a role they can use",
  "iam:createaccesskey": "can create access keys for other users and act as them",
  "iam:createloginprofile": "can set a console password for a user who has none and sign in as them",
  "iam:updateloginprofile": "can change another user's console password and sign in as them",
  "iam:updateassumerolepolicy": "can change who may assume a role, then assume it",
  "iam:addusertogroup": "can add themselves to a more powerful group",
  "iam:deleteuserpermissionsboundary": "can remove the permissions boundary that limits a user",
  "iam:deleterolepermissionsboundary": "can remove the permissions boundary that limits a role",
  "lambda:updatefunctioncode": "can replace the code of a Lambda function and act with that function's role",
  "glue:updatedevendpoint": "can put their SSH key on a Glue endpoint and act with its role",
};

/** Dangerous only when allowed on every resource ("*"): then any role in the account is in reach. */
export const ESCALATION_ON_ALL_RESOURCES: Readonly<Record<string, string>> = {
  "iam:passrole": "can hand any role in the account to a service they control",
  "sts:assumerole": "can assume any role in the account that trusts it",
};

/** Combined with iam:PassRole, these run code or infrastructure with a role of the person's choosing. */
export const PASSROLE_COMBINATIONS: Readonly<Record<string, string>> = {
  "lambda:createfunction": "create a Lambda function that runs with the passed role",
  "ec2:runinstances": "start an EC2 instance with the passed role and use its credentials",
  "cloudformation:createstack": "create a CloudFormation stack that acts with the passed role",
  "glue:createdevendpoint": "create a Glue development endpoint with the passed role",
  "datapipeline:createpipeline": "create a data pipeline that runs with the passed role",
  "sagemaker:createnotebookinstance": "create a SageMaker notebook that runs with the passed role",
  "codebuild:createproject": "create a CodeBuild project that runs with the passed role",
  "ecs:runtask": "run an ECS task with the passed role",
};

/** Services whose resources hold the company's data: unscoped access to them deserves a look. */
export const DATA_SERVICES: ReadonlySet<string> = new Set([
  "s3",
  "dynamodb",
  "rds",
  "rds-data",
  "secretsmanager",
  "ssm",
  "kms",
  "sqs",
  "sns",
  "kinesis",
  "firehose",
  "glacier",
  "athena",
  "redshift",
  "redshift-data",
  "es",
  "aoss",
  "elasticfilesystem",
  "backup",
  "logs",
  "timestream",
]);

/** Escalation actions an Allow statement grants (PassRole/AssumeRole only when on every resource). */
export function escalationActions(statement: Statement, catalog: Catalog): CatalogAction[] {
  const onAll = (statement.Resource ?? []).includes("*") || statement.NotResource !== undefined;
  // The ~20 listed actions are checked against the statement, rather than the statement's
  // actions (all ~22,000 for a NotAction) against the list.
  const keys = [
    ...Object.keys(ESCALATION_ACTIONS),
    ...(onAll ? Object.keys(ESCALATION_ON_ALL_RESOURCES) : []),
  ];
  return keys
    .map((key) => catalog.action(key))
    .filter((a): a is CatalogAction => a !== undefined && statementGrants(statement, a))
    .sort((a, b) => a.index - b.index);
}
