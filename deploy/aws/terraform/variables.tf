variable "gatehouse_principal_arn" {
  description = "The identity Gatehouse runs as in the management account, e.g. arn:aws:iam::123456789012:role/gatehouse (it must exist already)"
  type        = string
}

variable "gatehouse_role_name" {
  description = "The name of that role, to attach the management policy to; empty to attach it yourself (e.g. to a user)"
  type        = string
  default     = ""
}

variable "organizational_unit_ids" {
  description = "Where GatehouseMember is deployed: OU ids (ou-…), or the root id (r-…) for every member account"
  type        = list(string)
}

variable "external_id" {
  description = "Leave empty: Gatehouse assumes discovered accounts without an ExternalId"
  type        = string
  default     = ""
}

variable "region" {
  description = "The one region the StackSet's instances are created in (IAM itself is global)"
  type        = string
  default     = "us-east-1"
}

variable "call_as" {
  description = "SELF in the management account, DELEGATED_ADMIN in a CloudFormation delegated administrator"
  type        = string
  default     = "SELF"
}
