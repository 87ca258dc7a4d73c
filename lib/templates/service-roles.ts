// Service-role templates: a trust policy for one AWS service plus a scoped permissions policy.

export const TRUSTED_SERVICES = [
  "ec2.amazonaws.com",
  "lambda.amazonaws.com",
  "ecs-tasks.amazonaws.com",
] as const;
export type TrustedService = (typeof TRUSTED_SERVICES)[number];

export function trustPolicy(service: TrustedService): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

export const SERVICE_ROLE_TEMPLATES = {
  "sqs-queue-worker": {
    label: "Send to and receive from one SQS queue",
    policyName: "queue-access",
    render: (queueArn: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "WorkOneQueue",
            Effect: "Allow",
            Action: [
              "sqs:SendMessage",
              "sqs:ReceiveMessage",
              "sqs:DeleteMessage",
              "sqs:GetQueueAttributes",
              "sqs:ChangeMessageVisibility",
            ],
            Resource: queueArn,
          },
        ],
      }),
  },
} as const;

export type ServiceRoleTemplate = keyof typeof SERVICE_ROLE_TEMPLATES;
