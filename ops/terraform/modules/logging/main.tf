# Log shipping: Grafana Alloy runs as a DaemonSet in the cluster and ships every container's
# stdout (the services' JSON lines) to this CloudWatch Logs group, kept var.retention_days.
# (Loki serves the same role in ops/compose; the dashboards' Loki panels point at whichever.)
resource "aws_cloudwatch_log_group" "services" {
  name              = "/ethixai/${var.name}/services"
  retention_in_days = var.retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "ship" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.services.arn}:*"]
  }
}

module "shipper_role" {
  source            = "../service-account-role"
  name              = "${var.name}-log-shipper"
  oidc_provider_arn = var.oidc_provider_arn
  oidc_issuer       = var.oidc_issuer
  namespace         = "observability"
  service_account   = "alloy"
  policy_json       = data.aws_iam_policy_document.ship.json
  tags              = var.tags
}
