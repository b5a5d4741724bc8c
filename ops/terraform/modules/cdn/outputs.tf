output "domain_name" {
  description = "The distribution's own host name (point the public DNS name at it)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_id" {
  description = "The distribution id (aws cloudfront create-invalidation)."
  value       = aws_cloudfront_distribution.this.id
}
