import { appPolicy } from "./app-policy";
import { MEMBER_ROLE_NAME } from "./management-policy";

// The CloudFormation template (deploy/aws/gatehouse-member.yaml) that puts Gatehouse's member role
// in an account: GatehouseMember, holding the app policy as the managed policy GatehouseApp,
// trusting the identity Gatehouse runs as in the management account, with an optional ExternalId.
// Deployed across the organization as a StackSet, or in one account as a stack. Built from the
// app policy so the file cannot drift from it: lib/iam/live-setup.test.ts writes and checks it.

/** Matches the ExternalId STS accepts (lib/aws-accounts' schema), or empty for none. */
const EXTERNAL_ID_PATTERN = "^$|^[\\w+=,.@:/-]{2,1224}$";

export function memberRoleTemplate() {
  const externalIdCondition = { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } };
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `Gatehouse's member role (${MEMBER_ROLE_NAME}): Gatehouse manages IAM in this account with the app policy, and nothing more.`,
    Parameters: {
      GatehousePrincipalArn: {
        Type: "String",
        Description:
          "The identity Gatehouse runs as in the management account, e.g. arn:aws:iam::123456789012:role/gatehouse (it must exist before the stack).",
        AllowedPattern: "^arn:aws[a-z-]*:iam::[0-9]{12}:(root|user/.+|role/.+)$",
      },
      ExternalId: {
        Type: "String",
        Default: "",
        Description:
          "Empty for accounts Gatehouse discovers from Organizations (it assumes them without one). For an account added by hand: the ExternalId given in the Add account dialog.",
        AllowedPattern: EXTERNAL_ID_PATTERN,
      },
    },
    Conditions: {
      HasExternalId: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "ExternalId" }, ""] }] },
    },
    Resources: {
      GatehouseAppPolicy: {
        Type: "AWS::IAM::ManagedPolicy",
        Properties: {
          ManagedPolicyName: "GatehouseApp",
          Description: "What Gatehouse needs to manage IAM, and no more",
          PolicyDocument: appPolicy(),
        },
      },
      GatehouseMemberRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: MEMBER_ROLE_NAME,
          Path: "/",
          Description: "Gatehouse manages IAM in this account (deployed by the Gatehouse StackSet)",
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: { Ref: "GatehousePrincipalArn" } },
                Action: "sts:AssumeRole",
                Condition: { "Fn::If": ["HasExternalId", externalIdCondition, { Ref: "AWS::NoValue" }] },
              },
            ],
          },
          ManagedPolicyArns: [{ Ref: "GatehouseAppPolicy" }],
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: "The role to give Gatehouse (Accounts → Add account), or that discovery assumes",
        Value: { "Fn::GetAtt": ["GatehouseMemberRole", "Arn"] },
      },
    },
  };
}

// YAML for plain JSON data, written here rather than taken from a library: block style, keys and
// strings plain only where YAML 1.1 and 1.2 both read them as the same string, double-quoted
// (JSON's escapes, which YAML's double-quoted scalars share) otherwise.
const PLAIN = /^[A-Za-z][\w:/*.+=,@-]*$/;
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

function scalar(v: unknown): string {
  if (typeof v === "string")
    return PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(":") ? v : JSON.stringify(v);
  if (Array.isArray(v)) return "[]";
  if (v !== null && typeof v === "object") return "{}";
  return JSON.stringify(v);
}

const nested = (v: unknown): v is object => v !== null && typeof v === "object" && Object.keys(v).length > 0;

function block(value: object, indent: string): string[] {
  if (Array.isArray(value))
    return value.flatMap((item: unknown) => {
      if (!nested(item)) return [`${indent}- ${scalar(item)}`];
      const [first, ...rest] = block(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  return Object.entries(value).flatMap(([k, v]) =>
    nested(v)
      ? [`${indent}${scalar(k)}:`, ...block(v, `${indent}  `)]
      : [`${indent}${scalar(k)}: ${scalar(v)}`],
  );
}

/** `value` as a YAML document, after `comment` as # lines. */
export function toYaml(value: object, comment: string[] = []): string {
  return [...comment.map((l) => (l ? `# ${l}` : "#")), ...block(value, "")].join("\n") + "\n";
}
