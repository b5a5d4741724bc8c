output "address" {
  description = "The database's DNS name (follows the primary through a failover)."
  value       = aws_db_instance.this.address
}

output "instance_id" {
  description = "The RDS instance identifier (aws rds reboot-db-instance --force-failover)."
  value       = aws_db_instance.this.identifier
}

output "security_group_id" {
  description = "The database's security group."
  value       = aws_security_group.this.id
}
