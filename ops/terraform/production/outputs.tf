output "cluster_name" {
  description = "aws eks update-kubeconfig --name <this>"
  value       = module.ethixai.cluster_name
}

output "repository_urls" {
  description = "Image repositories (REGISTRY in the Kubernetes overlay)."
  value       = module.ethixai.repository_urls
}

output "database_address" {
  description = "PostgreSQL host name."
  value       = module.ethixai.database_address
}

output "database_instance_id" {
  description = "RDS instance id (failover drills)."
  value       = module.ethixai.database_instance_id
}

output "database_subnet_cidrs" {
  description = "Must be inside the overlay's DATABASE_CIDR."
  value       = module.ethixai.database_subnet_cidrs
}

output "secret_ids" {
  description = "Secrets-manager secrets to fill (docs/deploy/STAGING.md)."
  value       = module.ethixai.secret_ids
}

output "external_secrets_role_arn" {
  description = "IAM role for External Secrets Operator."
  value       = module.ethixai.external_secrets_role_arn
}

output "prometheus_remote_write_url" {
  description = "Managed Prometheus remote-write URL."
  value       = module.ethixai.prometheus_remote_write_url
}

output "prometheus_query_url" {
  description = "Managed Prometheus query URL for Grafana."
  value       = module.ethixai.prometheus_query_url
}

output "prometheus_role_arn" {
  description = "IAM role for the Prometheus service account."
  value       = module.ethixai.prometheus_role_arn
}

output "log_group_name" {
  description = "CloudWatch Logs group of the services."
  value       = module.ethixai.log_group_name
}

output "log_shipper_role_arn" {
  description = "IAM role for Alloy."
  value       = module.ethixai.log_shipper_role_arn
}

output "cdn_domain_name" {
  description = "Point the public DNS name here."
  value       = module.ethixai.cdn_domain_name
}

output "cdn_distribution_id" {
  description = "CloudFront distribution id."
  value       = module.ethixai.cdn_distribution_id
}
