import type { ParameterDefinition } from "@/lib/policy/template.schema";
import devOps from "./example-company/DevOpsAccess.json";
import web from "./example-company/WebDeveloperAccess.json";
import mobile from "./example-company/MobileDeveloperAccess.json";
import accountant from "./example-company/AccountantBillingReadOnly.json";

// The example company Gatehouse ships with. Rendered with these values, each template is
// exactly the policy the IAM sandbox's example-company seed holds, so a fresh demo shows no
// drift and no access beyond the job roles.

const text = (doc: unknown) => JSON.stringify(doc, null, 2);

const ACCOUNT: ParameterDefinition = {
  name: "AccountId",
  description: "The AWS account the resources live in",
  type: "account-id",
  example: "123456789012",
};
const REGION: ParameterDefinition = {
  name: "Region",
  description: "The region the resources live in",
  type: "string",
  example: "us-east-1",
};

export const EXAMPLE_TEMPLATES = [
  {
    name: "DevOpsAccess",
    description:
      "Operations: Elastic Beanstalk, EC2, S3 deployment buckets and the company's SQS queues; may pass the worker role to EC2.",
    document: text(devOps),
    parameters: [
      ACCOUNT,
      REGION,
      {
        name: "ArtifactsBucket",
        description: "Build artifacts bucket",
        type: "bucket-name",
        example: "example-company-artifacts",
      },
      {
        name: "WorkerRole",
        description: "The role EC2 workers run as",
        type: "string",
        example: "ec2-sqs-worker",
      },
    ],
  },
  {
    name: "WebDeveloperAccess",
    description: "Web developers: deploy to Elastic Beanstalk and manage the web assets bucket.",
    document: text(web),
    parameters: [
      ACCOUNT,
      REGION,
      {
        name: "WebAssetsBucket",
        description: "Web assets bucket",
        type: "bucket-name",
        example: "example-company-web-assets",
      },
    ],
  },
  {
    name: "MobileDeveloperAccess",
    description: "Mobile developers: the mobile assets bucket and the Cognito user and identity pools.",
    document: text(mobile),
    parameters: [
      ACCOUNT,
      REGION,
      {
        name: "MobileBucket",
        description: "Mobile assets bucket",
        type: "bucket-name",
        example: "example-company-mobile-assets",
      },
    ],
  },
  {
    name: "AccountantBillingReadOnly",
    description: "Accountants: read-only access to the billing bucket and nothing else.",
    document: text(accountant),
    parameters: [
      {
        name: "BillingBucket",
        description: "The bucket with invoices and cost reports",
        type: "bucket-name",
        example: "example-company-billing",
      },
    ],
  },
] satisfies { name: string; description: string; document: string; parameters: ParameterDefinition[] }[];

export const EXAMPLE_JOB_ROLES = [
  {
    name: "DevOps",
    groupName: "DevOps",
    description: "Runs the platform",
    templates: ["DevOpsAccess"],
    console: true,
    programmatic: true,
  },
  {
    name: "Web developer",
    groupName: "WebDevelopers",
    description: "Builds the web application",
    templates: ["WebDeveloperAccess"],
    console: true,
    programmatic: true,
  },
  {
    name: "Mobile developer",
    groupName: "MobileDevelopers",
    description: "Builds the mobile apps",
    templates: ["MobileDeveloperAccess"],
    console: false,
    programmatic: true,
  },
  {
    name: "Accountant",
    groupName: "Accountants",
    description: "Reads billing data",
    templates: ["AccountantBillingReadOnly"],
    console: true,
    programmatic: false,
  },
];

export const EXAMPLE_EMPLOYEES = [
  { name: "Sally", email: "sally@example.com", jobRole: "DevOps", iamUserName: "sally" },
  { name: "John", email: "john@example.com", jobRole: "Web developer", iamUserName: "john" },
  { name: "Maria", email: "maria@example.com", jobRole: "Web developer", iamUserName: "maria" },
  { name: "Jane", email: "jane@example.com", jobRole: "Mobile developer", iamUserName: "jane" },
  { name: "Mary", email: "mary@example.com", jobRole: "Accountant", iamUserName: "mary" },
  { name: "Peter", email: "peter@example.com", jobRole: "Sales", iamUserName: null },
];
