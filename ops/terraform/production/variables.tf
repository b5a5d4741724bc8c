variable "region" {
  description = "AWS region of the environment."
  type        = string
}

variable "vpc_cidr" {
  description = "VPC range; the Kubernetes overlay's DATABASE_CIDR must cover its database subnets."
  type        = string
}

variable "az_count" {
  description = "Availability zones (2 is the least for a database standby)."
  type        = number
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones."
  type        = bool
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
}

variable "node_instance_types" {
  description = "Node instance types."
  type        = list(string)
}

variable "node_min" {
  description = "Fewest nodes."
  type        = number
}

variable "node_max" {
  description = "Most nodes."
  type        = number
}

variable "postgres_version" {
  description = "PostgreSQL engine version."
  type        = string
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "db_storage_gb" {
  description = "Database storage in GB."
  type        = number
}

variable "db_standby" {
  description = "Keep a Multi-AZ standby."
  type        = bool
}

variable "db_backup_retention_days" {
  description = "Days of automated daily backups."
  type        = number
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database."
  type        = bool
}

variable "log_retention_days" {
  description = "Days the services' logs are kept."
  type        = number
}

variable "domain_name" {
  description = "Public host name (the overlay's HOSTNAME)."
  type        = string
}

variable "ingress_origin_domain_name" {
  description = "The ingress load balancer's host name (kubectl -n ingress-nginx get svc)."
  type        = string
}

variable "cdn_certificate_arn" {
  description = "ACM certificate in us-east-1 for domain_name."
  type        = string
}

variable "cdn_price_class" {
  description = "CloudFront price class."
  type        = string
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
