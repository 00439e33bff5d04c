// Package provider maps terraform-provider-random onto the Pulumi `random` package's tokens
// (random:index/<name>:<Name>), the names the @pulumi/random npm SDK registers.
package provider

import (
	"context"
	"fmt"
	"unicode"

	pfbridge "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/terraform-providers/terraform-provider-random/shim"
)

// Version is set at build time to the version the npm SDK asks for.
var Version = "0.0.0-dev"

func token(name string) tokens.Type {
	file := string(unicode.ToLower(rune(name[0]))) + name[1:]
	return tokens.Type(fmt.Sprintf("random:index/%s:%s", file, name))
}

// RandomBytes has no natural id; like the published plugin, use its base64 value.
func bytesID(_ context.Context, state resource.PropertyMap) (resource.ID, error) {
	v, ok := state["base64"]
	if !ok {
		return "", fmt.Errorf("random_bytes state has no base64 property")
	}
	if v.IsSecret() {
		v = v.SecretValue().Element
	}
	if !v.IsString() {
		return "", fmt.Errorf("random_bytes base64 is not a string")
	}
	return resource.ID(v.StringValue()), nil
}

// Info is the bridge configuration of the random provider.
func Info() tfbridge.ProviderInfo {
	return tfbridge.ProviderInfo{
		Name:        "random",
		P:           pfbridge.ShimProvider(shim.NewProvider()),
		Version:     Version,
		Description: "Randomness for Pulumi programs (terraform-provider-random, bridged).",
		License:     "Apache-2.0",
		Repository:  "https://github.com/pulumi/pulumi-random",
		Resources: map[string]*tfbridge.ResourceInfo{
			"random_bytes":    {Tok: token("RandomBytes"), ComputeID: bytesID},
			"random_id":       {Tok: token("RandomId")},
			"random_integer":  {Tok: token("RandomInteger")},
			"random_password": {Tok: token("RandomPassword")},
			"random_pet":      {Tok: token("RandomPet")},
			"random_shuffle":  {Tok: token("RandomShuffle")},
			"random_string":   {Tok: token("RandomString")},
			"random_uuid":     {Tok: token("RandomUuid")},
			"random_uuid4":    {Tok: token("RandomUuid4")},
			"random_uuid7":    {Tok: token("RandomUuid7")},
		},
		MetadataInfo: tfbridge.NewProviderMetadata(nil),
	}
}
