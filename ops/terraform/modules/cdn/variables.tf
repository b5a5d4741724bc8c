variable "name" {
  description = "Prefix of resource names, e.g. ethixai-staging."
  type        = string
}

variable "domain_name" {
  description = "The public host name users open (the overlay's HOSTNAME)."
  type        = string
}

variable "origin_domain_name" {
  description = "Host name of the cluster's ingress load balancer."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name, in us-east-1 (CloudFront's requirement)."
  type        = string
}

variable "price_class" {
  description = "CloudFront price class (edge locations used)."
  type        = string
  default     = "PriceClass_100"
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
