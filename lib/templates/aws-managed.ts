/** Lets a user change their own console password; onboarding attaches it when no group grants it. */
export const CHANGE_PASSWORD_ARN = "arn:aws:iam::aws:policy/IAMUserChangePassword";

// AWS-managed policies offered when building job roles (all exist in every account and in the sandbox).
export const AWS_MANAGED_POLICIES = [
  { name: "IAMUserChangePassword", arn: "arn:aws:iam::aws:policy/IAMUserChangePassword" },
  { name: "ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
  { name: "AmazonS3ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
  { name: "AmazonS3FullAccess", arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" },
  { name: "AmazonEC2FullAccess", arn: "arn:aws:iam::aws:policy/AmazonEC2FullAccess" },
  { name: "AmazonSQSFullAccess", arn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" },
  {
    name: "AdministratorAccess-AWSElasticBeanstalk",
    arn: "arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk",
  },
  { name: "AmazonCognitoPowerUser", arn: "arn:aws:iam::aws:policy/AmazonCognitoPowerUser" },
] as const;
