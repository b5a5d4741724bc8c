output "vpc_id" {
  description = "The VPC's id."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Subnets of the cluster nodes."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "Subnets of the internet-facing load balancer."
  value       = aws_subnet.public[*].id
}

output "database_subnet_ids" {
  description = "Subnets of the database."
  value       = aws_subnet.database[*].id
}

output "database_subnet_cidrs" {
  description = "Address ranges of the database subnets (the Kubernetes overlay's DATABASE_CIDR covers them)."
  value       = aws_subnet.database[*].cidr_block
}

output "private_subnet_cidrs" {
  description = "Address ranges of the cluster nodes' subnets."
  value       = aws_subnet.private[*].cidr_block
}
