variable "name" {
  description = "Prefix of every resource name, e.g. ethixai-staging."
  type        = string
}

variable "cidr_block" {
  description = "The VPC's address range; subnets are /24s carved from it (public .0-, private .10-, database .20-)."
  type        = string
}

variable "az_count" {
  description = "Availability zones to spread subnets over (2 or more for a database standby)."
  type        = number
  default     = 2
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper; staging) instead of one per zone (production)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
