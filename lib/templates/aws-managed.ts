/** An AWS-managed policy's ARN: its name under `arn:aws:iam::aws:policy/`. */
const awsManagedArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** Lets a user change their own console password; onboarding attaches it when no group grants it. */
export const CHANGE_PASSWORD_ARN = awsManagedArn("IAMUserChangePassword");

// AWS-managed policies offered when building job roles (all exist in every account and in the sandbox).
const OFFERED = [
  "IAMUserChangePassword",
  "ReadOnlyAccess",
  "AmazonS3ReadOnlyAccess",
  "AmazonS3FullAccess",
  "AmazonEC2FullAccess",
  "AmazonSQSFullAccess",
  "AdministratorAccess-AWSElasticBeanstalk",
  "AmazonCognitoPowerUser",
] as const;
export const AWS_MANAGED_POLICIES = OFFERED.map((name) => ({ name, arn: awsManagedArn(name) }));
