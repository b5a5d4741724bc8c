variable "name" {
  description = "Instance identifier, e.g. ethixai-staging."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets, in at least two zones (the standby goes to another one)."
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group allowed to connect (the cluster nodes)."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL version, e.g. 16.6."
  type        = string
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "storage_gb" {
  description = "Allocated storage; autoscaling may grow it to four times this."
  type        = number
}

variable "standby" {
  description = "Multi-AZ: keep a synchronous standby that RDS promotes on failure."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days of automated daily backups and point-in-time recovery."
  type        = number
  default     = 7
}

variable "backup_window" {
  description = "Daily backup window (UTC)."
  type        = string
  default     = "01:00-02:00"
}

variable "maintenance_window" {
  description = "Weekly maintenance window (UTC)."
  type        = string
  default     = "sun:03:00-sun:04:00"
}

variable "deletion_protection" {
  description = "Refuse to delete the instance."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "KMS key encrypting the storage and backups."
  type        = string
}

variable "database_url_secret_id" {
  description = "Secrets-manager secret that receives the connection URL."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
