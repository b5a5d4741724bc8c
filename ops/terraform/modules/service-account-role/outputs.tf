output "arn" {
  description = "The role to annotate the service account with (eks.amazonaws.com/role-arn)."
  value       = aws_iam_role.this.arn
}
