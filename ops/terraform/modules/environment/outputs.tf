output "cluster_name" {
  description = "EKS cluster (aws eks update-kubeconfig --name <this>)."
  value       = module.cluster.name
}

output "repository_urls" {
  description = "Image repositories (the overlay's REGISTRY)."
  value       = module.cluster.repository_urls
}

output "database_address" {
  description = "PostgreSQL host name; it follows the primary through a failover."
  value       = module.database.address
}

output "database_instance_id" {
  description = "RDS instance id, for failover drills."
  value       = module.database.instance_id
}

output "database_subnet_cidrs" {
  description = "The database subnets (the overlay's DATABASE_CIDR must cover them)."
  value       = module.network.database_subnet_cidrs
}

output "secret_ids" {
  description = "Secrets-manager secrets by name."
  value       = module.secrets.secret_ids
}

output "external_secrets_role_arn" {
  description = "Annotate External Secrets' service account with it."
  value       = module.secrets.external_secrets_role_arn
}

output "prometheus_remote_write_url" {
  description = "Remote-write URL of the managed Prometheus."
  value       = module.monitoring.remote_write_url
}

output "prometheus_query_url" {
  description = "Query URL of the managed Prometheus (Grafana data source, SigV4)."
  value       = module.monitoring.query_url
}

output "prometheus_role_arn" {
  description = "Annotate the Prometheus service account with it."
  value       = module.monitoring.prometheus_role_arn
}

output "log_group_name" {
  description = "CloudWatch Logs group of the services."
  value       = module.logging.log_group_name
}

output "log_shipper_role_arn" {
  description = "Annotate Alloy's service account with it."
  value       = module.logging.shipper_role_arn
}

output "cdn_domain_name" {
  description = "Point the public DNS name (CNAME/alias) at this."
  value       = module.cdn.domain_name
}

output "cdn_distribution_id" {
  description = "For cache invalidations after a release."
  value       = module.cdn.distribution_id
}
