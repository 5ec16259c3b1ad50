"""The Claude language layer: the adapter, its prompts, its tool schemas and its pricing."""
