# The secrets manager side of every secret EthixAI reads: one Secrets Manager secret per key under
# ethixai/<environment>/, encrypted with the environment's KMS key, and the IAM role External
# Secrets Operator uses to read them (ops/k8s/base/external-secrets.yaml). Values are written
# by the database module (database-url) or by an operator (docs/deploy/STAGING.md), never here.
resource "aws_kms_key" "this" {
  description             = "${var.name}: secrets, Kubernetes Secrets and database storage"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_secretsmanager_secret" "this" {
  for_each                = toset(var.secret_names)
  name                    = "ethixai/${var.environment}/${each.key}"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_days
  tags                    = var.tags
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [for s in aws_secretsmanager_secret.this : s.arn]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
  }
}

module "external_secrets_role" {
  source            = "../service-account-role"
  name              = "${var.name}-external-secrets"
  oidc_provider_arn = var.oidc_provider_arn
  oidc_issuer       = var.oidc_issuer
  namespace         = "external-secrets"
  service_account   = "external-secrets"
  policy_json       = data.aws_iam_policy_document.read.json
  tags              = var.tags
}
