variable "name" {
  description = "Cluster name, e.g. ethixai-staging."
  type        = string
}

variable "kubernetes_version" {
  description = "EKS Kubernetes minor version."
  type        = string
}

variable "private_subnet_ids" {
  description = "Subnets of the nodes."
  type        = list(string)
}

variable "public_subnet_ids" {
  description = "Subnets of internet-facing load balancers."
  type        = list(string)
}

variable "public_api_endpoint" {
  description = "Whether the Kubernetes API is reachable from the internet (CI deploys through it)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "KMS key encrypting Kubernetes Secrets at rest (envelope encryption)."
  type        = string
}

variable "node_instance_types" {
  description = "EC2 instance types of the node group."
  type        = list(string)
}

variable "node_min" {
  description = "Fewest nodes (and the starting count)."
  type        = number
}

variable "node_max" {
  description = "Most nodes the cluster autoscaler may add."
  type        = number
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
