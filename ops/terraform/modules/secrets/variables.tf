variable "name" {
  description = "Prefix of resource names, e.g. ethixai-staging."
  type        = string
}

variable "environment" {
  description = "Environment in the secret names (ethixai/<environment>/<secret>), as the overlay's ENVIRONMENT."
  type        = string
}

variable "secret_names" {
  description = "The secrets to create (the remote keys of ops/k8s/base/external-secrets.yaml)."
  type        = list(string)
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored."
  type        = number
  default     = 30
}

variable "oidc_provider_arn" {
  description = "The cluster's OIDC provider (External Secrets' role)."
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
