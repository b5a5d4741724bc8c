# Remote state: one S3 object per environment, locked with S3's native lock file (Terraform 1.10+).
# The bucket is created once, by hand or a bootstrap stack, with versioning and encryption on
# (docs/deploy/STAGING.md, "Remote state").
terraform {
  backend "s3" {
    bucket       = "ethixai-terraform-state"
    key          = "production/terraform.tfstate"
    region       = "eu-central-1"
    encrypt      = true
    use_lockfile = true
  }
}
