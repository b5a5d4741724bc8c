# Managed PostgreSQL: Multi-AZ (a synchronous standby in another zone that RDS promotes on
# failure), automated daily backups with point-in-time recovery, encrypted storage, reachable only
# from the cluster's nodes. Its connection URL is written to the secrets manager, where External
# Secrets reads it (ethixai/<environment>/database-url).
resource "random_password" "master" {
  length  = 40
  special = false
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-db"
  description = "PostgreSQL, from the cluster nodes only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_nodes" {
  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "postgres${split(".", var.engine_version)[0]}"
  parameter {
    name  = "log_min_duration_statement"
    value = "250"
  }
  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }
  tags = var.tags
}

resource "aws_db_instance" "this" {
  identifier                   = var.name
  engine                       = "postgres"
  engine_version               = var.engine_version
  instance_class               = var.instance_class
  allocated_storage            = var.storage_gb
  max_allocated_storage        = var.storage_gb * 4
  storage_type                 = "gp3"
  storage_encrypted            = true
  kms_key_id                   = var.kms_key_arn
  db_name                      = "ethixai"
  username                     = "ethixai"
  password                     = random_password.master.result
  db_subnet_group_name         = aws_db_subnet_group.this.name
  vpc_security_group_ids       = [aws_security_group.this.id]
  parameter_group_name         = aws_db_parameter_group.this.name
  multi_az                     = var.standby
  backup_retention_period      = var.backup_retention_days
  backup_window                = var.backup_window
  maintenance_window           = var.maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.name}-final"
  performance_insights_enabled = true
  auto_minor_version_upgrade   = true
  tags                         = var.tags
}

resource "aws_secretsmanager_secret_version" "database_url" {
  secret_id     = var.database_url_secret_id
  secret_string = "postgres://ethixai:${random_password.master.result}@${aws_db_instance.this.address}:5432/ethixai?sslmode=require"
}
