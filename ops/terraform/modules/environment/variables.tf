variable "environment" {
  description = "staging or production: names, secret keys (ethixai/<environment>/...) and tags."
  type        = string
  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "vpc_cidr" {
  description = "The environment's VPC range (a /16)."
  type        = string
}

variable "az_count" {
  description = "Availability zones used."
  type        = number
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone."
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
  description = "Database storage (autoscaling up to four times it)."
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

variable "rules_dir" {
  description = "Directory of the generated Prometheus rule files (ops/prometheus/rules)."
  type        = string
}

variable "domain_name" {
  description = "Public host name of the web UI and API."
  type        = string
}

variable "ingress_origin_domain_name" {
  description = "Host name of the ingress controller's load balancer (known once the cluster runs ingress-nginx)."
  type        = string
}

variable "cdn_certificate_arn" {
  description = "ACM certificate (us-east-1) for domain_name."
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
