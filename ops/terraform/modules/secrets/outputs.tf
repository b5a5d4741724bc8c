output "kms_key_arn" {
  description = "The environment's KMS key."
  value       = aws_kms_key.this.arn
}

output "secret_ids" {
  description = "Secret ids by name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.id }
}

output "external_secrets_role_arn" {
  description = "IAM role of External Secrets Operator's service account."
  value       = module.external_secrets_role.arn
}
