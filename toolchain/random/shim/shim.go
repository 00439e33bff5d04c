// Package shim exposes terraform-provider-random's framework provider. Go's internal-package rule
// is path based: this module's path lies under the provider's, so it may import internal/provider.
package shim

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"
	random "github.com/terraform-providers/terraform-provider-random/internal/provider"
)

// NewProvider returns the Terraform random provider.
func NewProvider() provider.Provider {
	return random.New()
}
