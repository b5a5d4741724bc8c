variable "name" {
  description = "Prefix of resource names, e.g. ethixai-staging."
  type        = string
}

variable "retention_days" {
  description = "Days logs are kept (must be a CloudWatch retention value: 30, 90, 365, ...)."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key encrypting the logs (the KMS key policy must allow the CloudWatch Logs service)."
  type        = string
}

variable "oidc_provider_arn" {
  description = "The cluster's OIDC provider (the shipper's role)."
  type        = string
}

variable "oidc_issuer" {
  description = "The cluster's OIDC issuer without https://."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
