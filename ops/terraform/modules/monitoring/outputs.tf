output "remote_write_url" {
  description = "Where the in-cluster Prometheus remote-writes."
  value       = "${aws_prometheus_workspace.this.prometheus_endpoint}api/v1/remote_write"
}

output "query_url" {
  description = "Grafana's Prometheus data source URL (SigV4 auth)."
  value       = aws_prometheus_workspace.this.prometheus_endpoint
}

output "prometheus_role_arn" {
  description = "IAM role of the Prometheus service account."
  value       = module.prometheus_role.arn
}
