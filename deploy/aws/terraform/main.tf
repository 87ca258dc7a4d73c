# Gatehouse across an AWS Organization, the Terraform way: the same files as the CloudFormation
# route (deploy/aws/README.md), so nothing here repeats a policy. Apply in the organization's
# management account (or a CloudFormation delegated administrator, with call_as = "DELEGATED_ADMIN").
#
# - the management-side policy (../management-policy.json), attached to the role Gatehouse runs as;
# - a service-managed StackSet of ../gatehouse-member.yaml (GatehouseMember with the app policy)
#   over the OUs you name, deployed to accounts that join them later too.
#
# Not validated in the repository: `terraform validate` needs the AWS provider, which cannot be
# downloaded there. `terraform fmt -check` is clean.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

resource "aws_iam_policy" "organization_reader" {
  name        = "GatehouseOrganizationReader"
  description = "Gatehouse lists the organization's accounts and assumes GatehouseMember in each"
  policy      = file("${path.module}/../management-policy.json")
}

resource "aws_iam_role_policy_attachment" "organization_reader" {
  count      = var.gatehouse_role_name == "" ? 0 : 1
  role       = var.gatehouse_role_name
  policy_arn = aws_iam_policy.organization_reader.arn
}

resource "aws_cloudformation_stack_set" "gatehouse_member" {
  name             = "gatehouse-member"
  description      = "Gatehouse's member role (GatehouseMember) in every account of the OUs named"
  permission_model = "SERVICE_MANAGED"
  call_as          = var.call_as
  capabilities     = ["CAPABILITY_NAMED_IAM"]
  template_body    = file("${path.module}/../gatehouse-member.yaml")
  parameters = {
    GatehousePrincipalArn = var.gatehouse_principal_arn
    ExternalId            = var.external_id
  }

  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }

  # AWS sets the administration role of a service-managed StackSet itself.
  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}

resource "aws_cloudformation_stack_set_instance" "gatehouse_member" {
  stack_set_name = aws_cloudformation_stack_set.gatehouse_member.name
  call_as        = var.call_as
  # IAM is global: one region is enough; a second would fail on the role's fixed name.
  stack_set_instance_region = var.region

  deployment_targets {
    organizational_unit_ids = var.organizational_unit_ids
  }
}

output "organization_reader_policy_arn" {
  description = "Attach to the identity Gatehouse runs as, if gatehouse_role_name was left empty"
  value       = aws_iam_policy.organization_reader.arn
}
