variable "name" {
  description = "Workspace alias, e.g. ethixai-staging."
  type        = string
}

variable "rule_files" {
  description = "Prometheus rule files to load (the generated ops/prometheus/rules/*.yml)."
  type        = list(string)
}

variable "oidc_provider_arn" {
  description = "The cluster's OIDC provider (the Prometheus agent's role)."
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
