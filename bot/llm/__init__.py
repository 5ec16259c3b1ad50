"""Language-model adapters: the deterministic offline one, and the Claude one."""
