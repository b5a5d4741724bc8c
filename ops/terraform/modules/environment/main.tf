# One EthixAI environment on AWS: network, Kubernetes cluster, managed PostgreSQL with a standby,
# secrets manager, managed Prometheus, log shipping and the CDN. The staging and production roots
# both call this module; only their values differ.
locals {
  name = "ethixai-${var.environment}"
  tags = merge(var.tags, { project = "ethixai", environment = var.environment })
  # The remote keys of ops/k8s/base/external-secrets.yaml.
  secret_names = ["database-url", "jwt-signing-keys", "ai-core-token", "incidents-webhook-token", "metrics-token", "audit-hmac-keys", "audit-signing-keys"]
}

module "network" {
  source             = "../network"
  name               = local.name
  cidr_block         = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

module "cluster" {
  source              = "../cluster"
  name                = local.name
  kubernetes_version  = var.kubernetes_version
  private_subnet_ids  = module.network.private_subnet_ids
  public_subnet_ids   = module.network.public_subnet_ids
  kms_key_arn         = module.secrets.kms_key_arn
  node_instance_types = var.node_instance_types
  node_min            = var.node_min
  node_max            = var.node_max
  tags                = local.tags
}

module "secrets" {
  source            = "../secrets"
  name              = local.name
  environment       = var.environment
  secret_names      = local.secret_names
  oidc_provider_arn = module.cluster.oidc_provider_arn
  oidc_issuer       = module.cluster.oidc_issuer
  tags              = local.tags
}

module "database" {
  source                   = "../database"
  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.database_subnet_ids
  client_security_group_id = module.cluster.node_security_group_id
  engine_version           = var.postgres_version
  instance_class           = var.db_instance_class
  storage_gb               = var.db_storage_gb
  standby                  = var.db_standby
  backup_retention_days    = var.db_backup_retention_days
  deletion_protection      = var.db_deletion_protection
  kms_key_arn              = module.secrets.kms_key_arn
  database_url_secret_id   = module.secrets.secret_ids["database-url"]
  tags                     = local.tags
}

module "monitoring" {
  source            = "../monitoring"
  name              = local.name
  rule_files        = [for f in ["slo.yml", "alerts.yml"] : "${var.rules_dir}/${f}"]
  oidc_provider_arn = module.cluster.oidc_provider_arn
  oidc_issuer       = module.cluster.oidc_issuer
  tags              = local.tags
}

module "logging" {
  source            = "../logging"
  name              = local.name
  retention_days    = var.log_retention_days
  kms_key_arn       = module.secrets.kms_key_arn
  oidc_provider_arn = module.cluster.oidc_provider_arn
  oidc_issuer       = module.cluster.oidc_issuer
  tags              = local.tags
}

module "cdn" {
  source             = "../cdn"
  name               = local.name
  domain_name        = var.domain_name
  origin_domain_name = var.ingress_origin_domain_name
  certificate_arn    = var.cdn_certificate_arn
  price_class        = var.cdn_price_class
  tags               = local.tags
}
