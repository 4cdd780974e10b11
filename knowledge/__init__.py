"""Pure knowledge of the plans: schema, loader, bundled data, Vietnamese text handling, index."""
