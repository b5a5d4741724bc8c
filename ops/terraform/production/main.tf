# EthixAI production: the environment module with production's values (production.auto.tfvars).
module "ethixai" {
  source                     = "../modules/environment"
  environment                = "production"
  vpc_cidr                   = var.vpc_cidr
  az_count                   = var.az_count
  single_nat_gateway         = var.single_nat_gateway
  kubernetes_version         = var.kubernetes_version
  node_instance_types        = var.node_instance_types
  node_min                   = var.node_min
  node_max                   = var.node_max
  postgres_version           = var.postgres_version
  db_instance_class          = var.db_instance_class
  db_storage_gb              = var.db_storage_gb
  db_standby                 = var.db_standby
  db_backup_retention_days   = var.db_backup_retention_days
  db_deletion_protection     = var.db_deletion_protection
  log_retention_days         = var.log_retention_days
  rules_dir                  = "${path.root}/../../prometheus/rules"
  domain_name                = var.domain_name
  ingress_origin_domain_name = var.ingress_origin_domain_name
  cdn_certificate_arn        = var.cdn_certificate_arn
  cdn_price_class            = var.cdn_price_class
  tags                       = var.tags
}
