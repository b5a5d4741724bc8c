output "log_group_name" {
  description = "Where the services' logs arrive."
  value       = aws_cloudwatch_log_group.services.name
}

output "shipper_role_arn" {
  description = "IAM role of Alloy's service account."
  value       = module.shipper_role.arn
}
