variable "name" {
  description = "The role's name."
  type        = string
}

variable "oidc_provider_arn" {
  description = "The cluster's OIDC provider."
  type        = string
}

variable "oidc_issuer" {
  description = "The cluster's OIDC issuer without https://."
  type        = string
}

variable "namespace" {
  description = "Namespace of the service account."
  type        = string
}

variable "service_account" {
  description = "Name of the service account."
  type        = string
}

variable "policy_json" {
  description = "The IAM policy the role grants."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
