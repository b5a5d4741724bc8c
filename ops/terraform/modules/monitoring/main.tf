# Managed Prometheus (Amazon Managed Service for Prometheus): the in-cluster Prometheus (Prometheus
# Operator, scraping the ServiceMonitors) remote-writes to this workspace, which evaluates the same
# generated rule files as everywhere else (ops/prometheus/rules). Alertmanager keeps running in the
# cluster with ops/alertmanager's routing (Slack, PagerDuty, the incidents webhook).
resource "aws_prometheus_workspace" "this" {
  alias = var.name
  logging_configuration {
    log_group_arn = "${aws_cloudwatch_log_group.prometheus.arn}:*"
  }
  tags = var.tags
}

resource "aws_cloudwatch_log_group" "prometheus" {
  name              = "/aws/prometheus/${var.name}"
  retention_in_days = 30
  tags              = var.tags
}

resource "aws_prometheus_rule_group_namespace" "rules" {
  for_each     = toset(var.rule_files)
  name         = trimsuffix(basename(each.value), ".yml")
  workspace_id = aws_prometheus_workspace.this.id
  data         = file(each.value)
}

data "aws_iam_policy_document" "remote_write" {
  statement {
    actions   = ["aps:RemoteWrite", "aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata"]
    resources = [aws_prometheus_workspace.this.arn]
  }
}

module "prometheus_role" {
  source            = "../service-account-role"
  name              = "${var.name}-prometheus"
  oidc_provider_arn = var.oidc_provider_arn
  oidc_issuer       = var.oidc_issuer
  namespace         = "monitoring"
  service_account   = "prometheus"
  policy_json       = data.aws_iam_policy_document.remote_write.json
  tags              = var.tags
}
